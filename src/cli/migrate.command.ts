/** `victim-care migrate`: applies pending migrations and says which. */
import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';
import { UsageError, type CliIo } from './cli-io.js';
import { parseCommand } from './command-support.js';

export const MIGRATE_HELP = `Usage: victim-care migrate

Applies every pending database migration (forward-only) to the store: DATABASE_URL when set, else the
PGlite folder DATA_DIR (default ./data). The application also migrates when it starts.
`;

export async function migrateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, MIGRATE_HELP);
  if (values.help) {
    io.out(MIGRATE_HELP);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError([
      `migrate takes no arguments (got ${JSON.stringify(positionals[0])})`,
      '',
      MIGRATE_HELP,
    ]);
  }
  let config;
  try {
    config = loadConfig(io.env);
  } catch (e) {
    throw new UsageError([(e as Error).message]);
  }
  const dataDir = config.DATA_DIR.includes('://') ? config.DATA_DIR : resolve(io.cwd, config.DATA_DIR);
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir,
    migrate: false,
    poolSize: 1,
    // Statements prepared before a migration could outlive the change of a table they read.
    preparedStatements: false,
  });
  try {
    const applied = await migrateToLatest(database.db);
    io.out(
      applied.length === 0
        ? `The ${database.engine} database is up to date.\n`
        : `Applied ${applied.length} migration(s) to the ${database.engine} database:\n${applied.map((m) => `  ${m}\n`).join('')}`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
