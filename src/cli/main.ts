/** The `victim-care` command line: one entry, one command a file. */
import { UsageError, processIo, type CliIo, type Command } from './cli-io.js';
import { auditCommand } from './audit.command.js';
import { evaluateCommand } from './evaluate.command.js';
import { exportCommand } from './export.command.js';
import { generateCommand } from './generate.command.js';
import { importCommand } from './import.command.js';
import { migrateCommand } from './migrate.command.js';
import { rederiveCommand } from './rederive.command.js';
import { seedCommand } from './seed.command.js';
import { serveCommand } from './serve.command.js';

const HELP = `Usage: victim-care COMMAND [options]

Commands:
  evaluate FILE     apply the rulebook to a case-history file (see: victim-care evaluate --help)
  serve             serve the web application and API (PORT, DATA_DIR, DATABASE_URL; see README)
  import FILE|DIR   load case-history files (.json, .jsonl) into the store
  export DIR        write investigations back out as case-history files (--urn URN | --all)
  generate DIR      write a synthetic force of case histories (--victims N)
  seed --demo       load the demo force
  migrate           apply pending database migrations
  audit verify      check the audit trail's hash chain
  rederive          re-derive the investigations bank-holiday changes affect (--batch N)
  help              this text

Exit status: 0 done, 2 bad input or usage (one line per problem on stderr), 1 an internal error.
`;

export const COMMANDS: Record<string, Command> = {
  evaluate: evaluateCommand,
  serve: serveCommand,
  import: importCommand,
  export: exportCommand,
  generate: generateCommand,
  seed: seedCommand,
  migrate: migrateCommand,
  audit: auditCommand,
  rederive: rederiveCommand,
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(HELP);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`victim-care: unknown command ${JSON.stringify(name)}\n\n${HELP}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.lines.join('\n') + '\n');
      return 2;
    }
    io.err(`victim-care ${name}: internal error: ${(e as Error).message}\n`);
    if (io.env.DEBUG) io.err(`${(e as Error).stack}\n`);
    return 1;
  }
}
