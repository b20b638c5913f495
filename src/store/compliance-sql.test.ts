/**
 * The compiled SQL of the compliance dashboard's summary statements is committed
 * (`__snapshots__/compliance.sql`) so a review shows any change to the report queries. Refresh it with
 * `UPDATE_SQL_SNAPSHOTS=1 node scripts/run-tests.mjs unit`.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { ComplianceRepository } from './compliance.repository.js';
import { createPlugins } from './database.js';
import type { Database } from './database.types.js';

const snapshotPath = fileURLToPath(new URL('./__snapshots__/compliance.sql', import.meta.url));

function compiledSql(): string {
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    plugins: createPlugins(),
  });
  const repo = new ComplianceRepository(db);
  const period = { from: '2026-01-01', to: '2026-03-31', today: '2026-04-15' };
  const [force, officersForce] = repo.compileSummary(period);
  const [team] = repo.compileSummary({ ...period, teamId: 't' });
  return [
    ['force summary: grouping sets over rule × team × month × age band × enhanced', force!.sql],
    ['force summary: per officer', officersForce!.sql],
    ['team summary: grouping sets', team!.sql],
  ]
    .map(([name, text]) => `-- ${name}\n${text};\n`)
    .join('\n');
}

test('should match the committed SQL snapshot of the compliance summary queries', () => {
  const actual = compiledSql();
  if (process.env.UPDATE_SQL_SNAPSHOTS === '1') {
    writeFileSync(snapshotPath, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(snapshotPath, 'utf8');
  } catch {
    assert.fail(`no SQL snapshot at ${snapshotPath}: run with UPDATE_SQL_SNAPSHOTS=1`);
  }
  assert.equal(actual, expected, 'compliance SQL changed: review it, then run with UPDATE_SQL_SNAPSHOTS=1');
});

test('should read the summary from the obligations ledger alone, with no join, when building the dashboard', () => {
  for (const block of compiledSql().split('\n-- ')) {
    assert.doesNotMatch(block, /\bjoin\b/i, block.slice(0, 80));
    assert.doesNotMatch(block, /\b(people|investigations|contracts|findings|events)\b/, block.slice(0, 80));
  }
});
