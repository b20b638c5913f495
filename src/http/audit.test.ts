// The audit trail over the API: every read of an investigation or a person appends a 'read' row with the
// reason given; administrators see who viewed a record; tampering with a row breaks the hash chain and
// /api/v1/audit/verify names the row.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { json, openApiHarness, type ApiHarness } from './api/testing/api-harness.js';

let h: ApiHarness;
let investigationId: string;
let personId: string;

before(async () => {
  h = await openApiHarness();
  const inv = await h.as('officer', {
    method: 'POST',
    url: '/api/v1/investigations',
    payload: { urn: '46/3001/26', reportedAt: '2026-03-09T09:00:00Z', offences: [{ category: 'burglary' }] },
  });
  investigationId = json<{ id: string }>(inv).id;
  const person = await h.as('officer', {
    method: 'POST',
    url: `/api/v1/investigations/${investigationId}/people`,
    payload: { role: 'victim', kind: 'person', name: 'Jo Bloggs' },
  });
  personId = json<{ id: string }>(person).id;
});
after(async () => {
  await h.close();
});

const reads = (recordType: string, recordId: string) =>
  h.database.db
    .selectFrom('auditLog')
    .selectAll()
    .where('action', '=', 'read')
    .where('recordType', '=', recordType)
    .where('recordId', '=', recordId)
    .orderBy('id')
    .execute();

describe('audit of reads', () => {
  test('should append a read row with the reason for every read of an investigation or a person', async () => {
    const before = (await reads('investigation', investigationId)).length;
    assert.equal(
      (
        await h.as('supervisor', {
          url: `/api/v1/investigations/${investigationId}?reason=${encodeURIComponent('Weekly case review')}`,
        })
      ).statusCode,
      200,
    );
    assert.equal((await h.as('imu', { url: `/api/v1/investigations/${investigationId}` })).statusCode, 200);
    const rows = (await reads('investigation', investigationId)).slice(before);
    assert.deepEqual(
      rows.map((r) => [r.userId, r.reason, r.investigationId]),
      [
        [h.accounts.supervisor.user.id, 'Weekly case review', investigationId],
        [h.accounts.imu.user.id, null, investigationId],
      ],
    );

    assert.equal(
      (await h.as('vwcu', { url: `/api/v1/people/${personId}?reason=Court%20warning` })).statusCode,
      200,
    );
    const personReads = await reads('person', personId);
    assert.equal(personReads.length, 1);
    assert.equal(personReads[0]!.userId, h.accounts.vwcu.user.id);
    assert.equal(personReads[0]!.reason, 'Court warning');
  });

  test('should list who viewed a record, newest first, to an administrator only', async () => {
    h.clock.advance(60_000);
    await h.as('compliance', { url: `/api/v1/investigations/${investigationId}?reason=Dip%20sample` });
    const res = await h.as('admin', {
      url: `/api/v1/audit/records/investigation/${investigationId}/viewers`,
    });
    assert.equal(res.statusCode, 200, res.body);
    const viewers = json<{ username: string | null; reason: string | null; at: string }[]>(res);
    assert.deepEqual(viewers[0], {
      userId: h.accounts.compliance.user.id,
      username: 'compliance',
      displayName: 'Test compliance',
      at: h.clock.now().toISOString(),
      reason: 'Dip sample',
    });
    assert.ok(viewers.some((v) => v.username === 'supervisor' && v.reason === 'Weekly case review'));
    assert.ok(!viewers.some((v) => v.username === 'officer'), 'the officer only wrote, never read');

    const people = json<{ username: string }[]>(
      await h.as('admin', { url: `/api/v1/audit/records/person/${personId}/viewers` }),
    );
    assert.deepEqual(
      people.map((v) => v.username),
      ['vwcu'],
    );

    const refused = await h.as('supervisor', {
      url: `/api/v1/audit/records/investigation/${investigationId}/viewers`,
    });
    assert.equal(refused.statusCode, 403);
    const bad = await h.as('admin', { url: `/api/v1/audit/records/letter/${investigationId}/viewers` });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      json<{ errors: { field: string }[] }>(bad).errors.map((e) => e.field),
      ['type'],
    );
  });

  test('should report the tampered row when an audit entry is changed behind the service', async () => {
    const intact = json<{ ok: boolean; checked: number }>(
      await h.as('admin', { url: '/api/v1/audit/verify' }),
    );
    assert.equal(intact.ok, true);
    assert.ok(intact.checked > 10);
    const victim = (await reads('investigation', investigationId))[0]!;
    await sql`update audit_log set detail = ${JSON.stringify({ people: [] })}::jsonb where id = ${victim.id}`.execute(
      h.database.db,
    );
    const broken = json<{ ok: boolean; brokenId: number }>(
      await h.as('admin', { url: '/api/v1/audit/verify' }),
    );
    assert.deepEqual({ ok: broken.ok, brokenId: broken.brokenId }, { ok: false, brokenId: victim.id });
  });
});
