/**
 * A fresh, isolated database per test file, on the engine the database tier asks for:
 * `TEST_ENGINE=pglite` (default): PGlite in memory; `TEST_ENGINE=postgres`: a new database
 * `vc_test_<random>` on `TEST_DATABASE_URL` (default postgres://postgres@127.0.0.1:5432/postgres),
 * dropped again by `close()`.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Db, type Engine } from '../database.js';

export interface TestDatabase {
  db: Db;
  engine: Engine;
  /** PostgreSQL: the test database's URL (to open a second app instance on it). */
  url?: string;
  close(): Promise<void>;
}

export function testEngine(): Engine {
  return process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (testEngine() === 'pglite') {
    return openDatabase({ dataDir: 'memory://', migrate });
  }
  const name = `vc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const opened = await openDatabase({ databaseUrl: url.toString(), migrate, poolSize: 5 });
  return {
    db: opened.db,
    engine: opened.engine,
    url: url.toString(),
    close: async () => {
      await opened.close();
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        // Wait for the pool's backends to go (a forced drop would kill them under a still-open socket).
        for (let i = 0; i < 100; i++) {
          const r = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
            name,
          ]);
          if (r.rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
