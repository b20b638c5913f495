/**
 * Engine selection: PostgreSQL through a `pg` Pool when a database URL is given, else PGlite (PostgreSQL
 * in WASM) in a folder on disk (`memory://` for tests). One dialect, one set of migrations and queries.
 *
 * Both engines return the same JS values (see type-parsers.ts): dates as `YYYY-MM-DD`, instants as ISO
 * UTC strings, int8 as numbers. Both sessions run with `TimeZone=UTC`, so any SQL that casts an instant
 * to a date must say `at time zone 'Europe/London'` explicitly.
 */
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './database.types.js';
import { migrateToLatest } from './migrate.js';
import { PGliteDialect } from './pglite-dialect.js';
import { typeParsers } from './type-parsers.js';

export type Engine = 'pglite' | 'postgres';
export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

export interface OpenDatabaseOptions {
  /** `postgres://…`: use PostgreSQL. */
  databaseUrl?: string | undefined;
  /** PGlite data folder (created when absent), or `memory://`. Ignored when databaseUrl is set. */
  dataDir?: string | undefined;
  /** Run pending migrations (default true). */
  migrate?: boolean;
  /** pg pool size (default 10). */
  poolSize?: number;
  /**
   * Errors of idle pooled PostgreSQL connections (server restart, admin kill). Without a handler `pg`
   * would crash the process; the default writes one line to stderr and the pool replaces the client.
   */
  onPoolError?: (error: Error) => void;
  /** PostgreSQL: prepare parameterised statements by name on each connection (default true). */
  preparedStatements?: boolean;
}

export interface OpenedDatabase {
  db: Db;
  engine: Engine;
  close(): Promise<void>;
}

export function createPlugins() {
  return [new CamelCasePlugin({ maintainNestedObjectKeys: true })];
}

/** `pg` type overrides for one pool (not the process-global `pg.types`). */
export function pgTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      const parser = typeParsers[oid];
      if (parser && format !== 'binary') return parser;
      return format === 'binary'
        ? pg.types.getTypeParser(oid, 'binary')
        : pg.types.getTypeParser(oid, 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/** At most this many distinct statements are prepared by name (per process; each connection prepares on first use). */
export const MAX_PREPARED_STATEMENTS = 500;
const statementNames = new Map<string, string>();

/**
 * A `pg` client that prepares parameterised statements by name, once per connection: PostgreSQL then parses,
 * analyses and (after five runs, when a generic plan is no worse) plans each statement once instead of on
 * every call. Measured with pgbench on the officer worklist query: 0.92 ms a call unprepared, 0.62 ms
 * prepared. The name is the statement's text's (a process-wide map, so a name never means two texts);
 * after MAX_PREPARED_STATEMENTS distinct texts (queries with `in (…)` lists of varying length make new
 * texts) the rest run unnamed. Turned on only after migrations, so no prepared statement outlives a change
 * of the tables it reads; turned off with `preparedStatements: false` (e.g. behind a pooler in transaction
 * mode that does not support prepared statements).
 */
function preparingClient(enabled: { on: boolean }): typeof pg.Client {
  return class PreparingClient extends pg.Client {
    // pg's overloads cannot be restated in a subclass; the arguments are passed through unchanged.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(config: any, values?: any, callback?: any): any {
      if (enabled.on && typeof config === 'string' && Array.isArray(values) && values.length > 0) {
        let name = statementNames.get(config);
        if (name === undefined && statementNames.size < MAX_PREPARED_STATEMENTS) {
          name = `vc_${statementNames.size + 1}`;
          statementNames.set(config, name);
        }
        if (name !== undefined) return super.query({ name, text: config, values }, callback);
      }
      return super.query(config, values, callback);
    }
  };
}

export function createPgliteInstance(dataDir: string): PGlite {
  return new PGlite(dataDir, { parsers: { ...typeParsers } });
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  let db: Db;
  let engine: Engine;
  let prepare: { on: boolean } | null = null;
  if (options.databaseUrl) {
    engine = 'postgres';
    prepare = { on: false };
    const pool = new pg.Pool({
      Client: preparingClient(prepare),
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: pgTypes(),
      options: '-c TimeZone=UTC',
    });
    pool.on('error', options.onPoolError ?? ((error) => console.error(`database pool: ${error.message}`)));
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: createPlugins() });
  } else {
    engine = 'pglite';
    const dataDir = options.dataDir ?? 'memory://';
    const pglite = createPgliteInstance(dataDir);
    db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }), plugins: createPlugins() });
  }
  try {
    if (options.migrate ?? true) await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  if (prepare) prepare.on = options.preparedStatements ?? true;
  return { db, engine, close: () => db.destroy() };
}

/**
 * Runs `fn` in a transaction, or inside the caller's transaction when `db` already is one (so services
 * can compose). Inside `fn` use only the `trx` it is given.
 */
export async function withTransaction<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Trx);
  return db.transaction().execute(fn);
}
