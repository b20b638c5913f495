// The audit hash chain over the API, on PGlite and on PostgreSQL: concurrent requests form one unbroken
// chain, and changing, re-hashing or deleting a row behind the service is reported by /api/v1/audit/verify
// with the id of the first row that no longer checks out.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { json, openApiHarness, type ApiHarness } from '../../src/http/api/testing/api-harness.js';

let h: ApiHarness;

before(async () => {
  h = await openApiHarness();
});
after(async () => {
  await h.close();
});

type Verification = { ok: boolean; checked: number; brokenId?: number };
const verify = async () => json<Verification>(await h.as('admin', { url: '/api/v1/audit/verify' }));
const auditIds = async () =>
  (await h.database.db.selectFrom('auditLog').select('id').orderBy('id').execute()).map((r) => r.id);

describe(`audit chain (${process.env.TEST_ENGINE ?? 'pglite'})`, () => {
  test('should form one intact chain when many requests write and read at the same time', async () => {
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        h.as(i % 2 === 0 ? 'officer' : 'supervisor', {
          method: 'POST',
          url: '/api/v1/investigations',
          payload: {
            urn: `46/${5000 + i}/26`,
            reportedAt: '2026-03-09T09:00:00Z',
            offences: [{ category: 'criminal-damage' }],
          },
        }),
      ),
    );
    for (const res of created) assert.equal(res.statusCode, 201, res.body);
    const ids = created.map((res) => json<{ id: string }>(res).id);
    const reads = await Promise.all(
      ids.flatMap((id) => [
        h.as('imu', { url: `/api/v1/investigations/${id}?reason=queue` }),
        h.as('compliance', { url: `/api/v1/investigations/${id}` }),
      ]),
    );
    for (const res of reads) assert.equal(res.statusCode, 200, res.body);

    const result = await verify();
    const rows = await auditIds();
    assert.deepEqual(result, { ok: true, checked: rows.length });
    assert.ok(rows.length >= 12 + 24);
  });

  test('should name the row whose detail was changed, and be intact again once it is restored', async () => {
    const ids = await auditIds();
    const target = ids[Math.floor(ids.length / 2)]!;
    const original = await h.database.db
      .selectFrom('auditLog')
      .select('detail')
      .where('id', '=', target)
      .executeTakeFirstOrThrow();
    await sql`update audit_log set detail = ${JSON.stringify({ ...original.detail, tampered: true })}::jsonb where id = ${target}`.execute(
      h.database.db,
    );
    assert.deepEqual(await verify(), { ok: false, brokenId: target, checked: ids.indexOf(target) });
    await sql`update audit_log set detail = ${JSON.stringify(original.detail)}::jsonb where id = ${target}`.execute(
      h.database.db,
    );
    assert.equal((await verify()).ok, true);
  });

  test('should name the row whose author or time was changed, and be intact again once restored', async () => {
    const ids = await auditIds();
    const target = ids[3]!;
    const original = await h.database.db
      .selectFrom('auditLog')
      .select(['userId', 'at'])
      .where('id', '=', target)
      .executeTakeFirstOrThrow();
    await sql`update audit_log set user_id = null, at = at - interval '1 day' where id = ${target}`.execute(
      h.database.db,
    );
    assert.deepEqual(await verify(), { ok: false, brokenId: target, checked: 3 });
    await sql`update audit_log set user_id = ${original.userId}, at = ${original.at}::timestamptz where id = ${target}`.execute(
      h.database.db,
    );
    assert.equal((await verify()).ok, true);
  });

  test('should name the row that follows a deleted one', async () => {
    const ids = await auditIds();
    const deleted = ids[ids.length - 3]!;
    const following = ids[ids.length - 2]!;
    await sql`delete from audit_log where id = ${deleted}`.execute(h.database.db);
    assert.deepEqual(await verify(), { ok: false, brokenId: following, checked: ids.length - 3 });
  });
});
