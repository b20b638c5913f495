import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openApiHarness, type ApiHarness } from '../http/api/testing/api-harness.js';
import { actorOf } from './auth.service.js';
import { Forbidden } from './service-errors.js';

let h: ApiHarness;
before(async () => {
  h = await openApiHarness();
});
after(async () => h?.close());

test('should list only active officers and supervisors, with their team, when an officer allocates a case', async () => {
  const list = await h.services.officers.assignableOfficers(actorOf(h.accounts.officer.user));
  assert.deepEqual(list.map((o) => o.role).sort(), ['officer', 'supervisor']);
  assert.ok(list.every((o) => o.teamName === 'Maidstone CID'));
});

test('should refuse and audit the list when the actor is a compliance lead', async () => {
  await assert.rejects(
    h.services.officers.assignableOfficers(actorOf(h.accounts.compliance.user)),
    Forbidden,
  );
  const refused = await h.services.db
    .selectFrom('auditLog')
    .select('reason')
    .where('action', '=', 'refused')
    .where('recordType', '=', 'user')
    .execute();
  assert.equal(refused.length, 1);
});
