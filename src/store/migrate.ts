import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import { staticMigrationProvider } from './migrations/migrations.js';

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly results: readonly MigrationResult[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/**
 * Applies every pending migration (forward-only). Safe with several instances starting at once: Kysely
 * takes a PostgreSQL advisory lock around the run. Returns the names applied by this call.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db: db.withoutPlugins(), provider: staticMigrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`migration ${failed} failed: ${String(error)}`, results, { cause: error });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
