/**
 * The compiled SQL of the worklist queries is committed (`__snapshots__/worklist.sql`) so a review shows
 * any change to it. This fails when the SQL changes without the snapshot; refresh it with
 * `UPDATE_SQL_SNAPSHOTS=1 node scripts/run-tests.mjs unit`.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { createPlugins } from './database.js';
import type { Database } from './database.types.js';
import { IMU_RULES, ObligationsRepository, type WorklistQuery } from './obligations.repository.js';

const snapshotPath = fileURLToPath(new URL('./__snapshots__/worklist.sql', import.meta.url));

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
  const repo = new ObligationsRepository(db);
  const today = '2026-06-10';
  const q = (extra: Partial<WorklistQuery> = {}): WorklistQuery => ({ today, ...extra });
  const sections: [string, string][] = [];
  const add = (name: string, sqlText: string) => sections.push([name, sqlText]);
  const user = repo.compileWorklist({ ownerUserId: 'u' }, q());
  add('officer worklist: items (all buckets, due date order)', user.items);
  add('officer worklist: bucket counts', user.counts);
  add(
    'officer worklist: items, overdue bucket',
    repo.compileWorklist({ ownerUserId: 'u' }, q({ bucket: 'overdue' })).items,
  );
  add(
    'officer worklist: items, due this week, by person',
    repo.compileWorklist({ ownerUserId: 'u' }, q({ bucket: 'due-this-week', sort: 'person' })).items,
  );
  const team = repo.compileWorklist({ teamId: 't', owner: 'oic' }, q());
  add('team worklist: items', team.items);
  add('team worklist: bucket counts', team.counts);
  add('team worklist: per-officer counts', repo.compilePerOfficer({ teamId: 't', owner: 'oic' }, today));
  add('IMU queue: items', repo.compileWorklist({ rules: IMU_RULES }, q()).items);
  add('VWCU queue: items', repo.compileWorklist({ owner: 'vwcu' }, q()).items);
  return sections.map(([name, text]) => `-- ${name}\n${text};\n`).join('\n');
}

test('should match the committed SQL snapshot of the worklist queries', () => {
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
  assert.equal(actual, expected, 'worklist SQL changed: review it, then run with UPDATE_SQL_SNAPSHOTS=1');
});
