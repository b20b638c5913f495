/** `victim-care audit verify`: checks the audit trail's hash chain. */
import { SYSTEM_ACTOR } from '../services/actor.js';
import { UsageError, type CliIo } from './cli-io.js';
import { fmt, parseCommand, withApp } from './command-support.js';

export const AUDIT_HELP = `Usage: victim-care audit verify

Walks the audit trail in order and checks every entry's link and hash. Exit status 0 when the chain is
intact; 1, naming the first broken entry's id, when it is not.
`;

export async function auditCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, AUDIT_HELP);
  if (values.help) {
    io.out(AUDIT_HELP);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'verify') {
    throw new UsageError([
      positionals.length === 0
        ? 'audit needs a subcommand: verify'
        : `audit: unknown subcommand ${JSON.stringify(positionals.join(' '))}`,
      '',
      AUDIT_HELP,
    ]);
  }
  return withApp(io, async (app) => {
    const result = await app.services.audit.verify(SYSTEM_ACTOR);
    if (result.ok) {
      io.out(`Audit chain intact: ${fmt(result.checked)} entries checked.\n`);
      return 0;
    }
    io.out(
      `Audit chain BROKEN at entry id ${result.brokenId} (${fmt(result.checked)} entries before it check out).\n`,
    );
    io.err(`audit verify: the chain is broken at entry id ${result.brokenId}\n`);
    return 1;
  });
}
