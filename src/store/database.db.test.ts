import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { MIGRATIONS } from './migrations/migrations.js';
import { migrateToLatest } from './migrate.js';
import { openDatabase, withTransaction } from './database.js';
import { openTestDatabase, type TestDatabase } from './testing/test-database.js';

let t: TestDatabase;
before(async () => {
  t = await openTestDatabase();
});
after(async () => {
  await t?.close();
});

test('should apply every migration and be idempotent when run again', async () => {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(t.db);
  assert.deepEqual(
    rows.rows.map((r) => r.name),
    Object.keys(MIGRATIONS).sort(),
  );
  assert.deepEqual(await migrateToLatest(t.db), []);
  const tables = await t.db.introspection.getTables();
  const names = tables.map((x) => x.name);
  for (const table of [
    'users',
    'investigations',
    'people',
    'events',
    'obligations',
    'audit_log',
    'breaches',
  ]) {
    assert.ok(names.includes(table), `missing table ${table}`);
  }
});

test('should return date columns exactly as written, whatever the process time zone', async () => {
  const team = await t.db
    .insertInto('teams')
    .values({ name: 'T', code: 'DATES' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const dates = ['2026-06-01', '2026-03-29', '2026-10-25', '2024-02-29', '1999-12-31'];
  for (const date of dates) {
    await t.db
      .insertInto('bankHolidays')
      .values({ date, name: `d ${date}`, source: 'admin' })
      .execute();
  }
  const back = await t.db.selectFrom('bankHolidays').select('date').orderBy('date').execute();
  assert.deepEqual(
    back.map((r) => r.date),
    [...dates].sort(),
  );
  const direct = await sql<{ d: unknown }>`select '2026-06-01'::date as d`.execute(t.db);
  assert.equal(direct.rows[0]?.d, '2026-06-01');
  assert.ok(team.id);
});

test('should return instants as ISO UTC strings on both engines', async () => {
  const r = await sql<{ a: unknown; b: unknown; c: unknown; n: unknown }>`select
      '2026-06-10T23:30:00+01:00'::timestamptz as a,
      '2026-03-02T10:15:00.123Z'::timestamptz as b,
      '2026-03-02 10:15:00.123456-05:30'::timestamptz as c,
      count(*) as n from (values (1), (2)) v(x)`.execute(t.db);
  assert.deepEqual(r.rows[0], {
    a: '2026-06-10T22:30:00.000Z',
    b: '2026-03-02T10:15:00.123Z',
    c: '2026-03-02T15:45:00.123Z',
    n: 2,
  });
});

test('should report affected rows for insert, update and delete', async () => {
  const team = await t.db
    .insertInto('teams')
    .values({ name: 'Affected', code: 'AFF' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ins = await t.db
    .insertInto('users')
    .values([
      { username: 'aff1', displayName: 'A 1', role: 'officer', teamId: team.id },
      { username: 'aff2', displayName: 'A 2', role: 'officer', teamId: team.id },
    ])
    .executeTakeFirst();
  assert.equal(ins.numInsertedOrUpdatedRows, 2n);
  const upd = await t.db
    .updateTable('users')
    .set({ active: false })
    .where('teamId', '=', team.id)
    .executeTakeFirst();
  assert.equal(upd.numUpdatedRows, 2n);
  const del = await t.db.deleteFrom('users').where('username', '=', 'aff1').executeTakeFirst();
  assert.equal(del.numDeletedRows, 1n);
});

test('should roll a transaction back fully when it throws', async () => {
  await assert.rejects(
    withTransaction(t.db, async (trx) => {
      await trx.insertInto('teams').values({ name: 'Rolled', code: 'ROLL1' }).execute();
      await trx.insertInto('teams').values({ name: 'Rolled', code: 'ROLL2' }).execute();
      throw new Error('boom');
    }),
    /boom/,
  );
  const left = await t.db.selectFrom('teams').select('code').where('code', 'like', 'ROLL%').execute();
  assert.deepEqual(left, []);
  // a failing statement aborts the whole transaction too
  await assert.rejects(
    t.db.transaction().execute(async (trx) => {
      await trx.insertInto('teams').values({ name: 'Dup', code: 'DUP' }).execute();
      await trx.insertInto('teams').values({ name: 'Dup', code: 'DUP' }).execute();
    }),
  );
  assert.equal((await t.db.selectFrom('teams').select('code').where('code', '=', 'DUP').execute()).length, 0);
});

test('should serialise concurrent transactions without interleaving', async () => {
  const log: string[] = [];
  const work = (name: string) =>
    t.db.transaction().execute(async (trx) => {
      log.push(`${name}:begin`);
      for (let i = 0; i < 3; i++) {
        await trx
          .insertInto('teams')
          .values({ name, code: `${name}-${i}` })
          .execute();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      log.push(`${name}:end`);
    });
  const outside = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return t.db
      .selectFrom('teams')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', 'in', ['TA', 'TB'])
      .executeTakeFirstOrThrow();
  })();
  await Promise.all([work('TA'), work('TB'), outside]);
  assert.equal(log.length, 4);
  if (t.engine === 'pglite') {
    // one session: the first transaction finishes before the second begins
    assert.ok(
      (log[0] === 'TA:begin' && log[1] === 'TA:end') || (log[0] === 'TB:begin' && log[1] === 'TB:end'),
      log.join(' '),
    );
    // the query that arrived meanwhile saw only committed state: 0, 3 or 6 rows, never a partial transaction
    assert.ok([0, 3, 6].includes(Number((await outside).n)));
  }
  const n = await t.db
    .selectFrom('teams')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('name', 'in', ['TA', 'TB'])
    .executeTakeFirstOrThrow();
  assert.equal(Number(n.n), 6);
});

test('should take a transaction-scoped advisory lock on both engines', async () => {
  const r = await t.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(42)`.execute(trx);
    return sql<{ ok: number }>`select 1 as ok`.execute(trx);
  });
  assert.equal(r.rows[0]?.ok, 1);
});

test('should prepare a parameterised statement once per PostgreSQL connection, and not when told not to', async (ctx) => {
  if (!t.url) return ctx.skip('prepared statements by name are a PostgreSQL pool feature');
  const text = 'select count(*) from teams where code = $1 or code = $2';
  const preparedOn = async (prepared: boolean) => {
    const opened = await openDatabase({
      databaseUrl: t.url,
      migrate: false,
      poolSize: 1,
      preparedStatements: prepared,
    });
    try {
      return await opened.db.connection().execute(async (conn) => {
        for (let i = 0; i < 3; i++) {
          await sql`select count(*) from teams where code = ${'T'} or code = ${'T'}`.execute(conn);
        }
        const r = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
          conn,
        );
        return r.rows.filter((row) => row.statement === text).length;
      });
    } finally {
      await opened.close();
    }
  };
  assert.equal(await preparedOn(true), 1);
  assert.equal(await preparedOn(false), 0);
});
