// Migration 2026112860 records the bank holidays administrators added or removed before it as calendar
// changes not yet queued (one per date, in date order), so that the first sweep re-derives what they may
// have left on an older calendar; every existing investigation counts as derived before them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Migrator, sql } from 'kysely';
import { migrateToLatest } from './migrate.js';
import { staticMigrationProvider } from './migrations/migrations.js';
import { makeInvestigation } from './testing/fixtures.js';
import { openTestDatabase, type TestDatabase } from './testing/test-database.js';

let t: TestDatabase;
before(async () => {
  t = await openTestDatabase({ migrate: false });
});
after(async () => {
  await t.close();
});

test('should record the earlier bank-holiday changes as changes to queue, and count existing investigations as older', async () => {
  const migrator = new Migrator({ db: t.db.withoutPlugins(), provider: staticMigrationProvider });
  const { error } = await migrator.migrateTo('2026112851_obligation-owner-team-statistics');
  assert.equal(error, undefined);
  await sql`insert into bank_holidays (date, name, source)
    values ('2026-06-08', 'Kept', 'admin'), ('2026-09-01', 'Never audited', 'admin')`.execute(t.db);
  await sql`insert into audit_log (id, at, action, record_type, record_id, prev_hash, hash) values
    (1, '2026-01-01T10:00:00Z', 'create', 'bank-holiday', '2026-06-08', 'p', 'h1'),
    (2, '2026-01-02T10:00:00Z', 'create', 'bank-holiday', '2026-05-05', 'h1', 'h2'),
    (3, '2026-01-03T10:00:00Z', 'delete', 'bank-holiday', '2026-05-05', 'h2', 'h3'),
    (4, '2026-01-04T10:00:00Z', 'create', 'user', 'not-a-date', 'h3', 'h4')`.execute(t.db);
  const before = await makeInvestigation(t.db);

  assert.deepEqual(await migrateToLatest(t.db), ['2026112860_calendar-rederivation']);
  const changes = await t.db
    .selectFrom('calendarChanges')
    .select(['version', 'date', 'change', 'name', 'changedAt', 'queuedAt'])
    .orderBy('version')
    .execute();
  assert.deepEqual(
    changes.map((c) => [c.version, c.date, c.change, c.name, c.queuedAt]),
    [
      [1, '2026-05-05', 'removed', null, null],
      [2, '2026-06-08', 'added', 'Kept', null],
      [3, '2026-09-01', 'added', 'Never audited', null],
    ],
  );
  assert.equal(changes[0]!.changedAt, '2026-01-03T10:00:00.000Z', 'the latest audited time');
  const state = await t.db.selectFrom('calendarState').selectAll().execute();
  assert.deepEqual(state, [{ id: 1, version: 3 }]);
  const inv = await t.db
    .selectFrom('investigations')
    .select('derivedCalendarVersion')
    .where('id', '=', before.id)
    .executeTakeFirstOrThrow();
  assert.equal(inv.derivedCalendarVersion, 0);
});
