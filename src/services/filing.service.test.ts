import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openApiHarness, type ApiHarness } from '../http/api/testing/api-harness.js';
import { actorOf } from './auth.service.js';
import { Forbidden, ValidationFailed } from './service-errors.js';

let h: ApiHarness;
before(async () => {
  h = await openApiHarness({ now: '2026-04-20T12:00:00.000Z' });
});
after(async () => h?.close());

async function sexualOffenceCase(urn: string) {
  const officer = actorOf(h.accounts.officer.user);
  const inv = await h.services.cases.createInvestigation(officer, {
    urn,
    reportedAt: '2026-04-01T10:00:00Z',
    offences: [{ category: 'sexual' }],
    flags: { domesticAbuse: false, hateCrime: false, terrorism: false },
    restricted: false,
    namedUserIds: [],
  });
  await h.services.cases.addPerson(officer, inv.id, { role: 'victim', kind: 'person', name: 'Jamie Fox' });
  return { officer, inv };
}

test('should refuse a filing letter when EL-FILING-LETTER does not permit one and no supervisor approved a justification', async () => {
  const { officer, inv } = await sexualOffenceCase('46/7001/26');
  await assert.rejects(
    h.services.filing.recordLetter(officer, inv.id, { person: 'v1', at: '2026-04-20T10:00:00Z' }),
    (e: unknown) =>
      e instanceof ValidationFailed &&
      e.problems[0]!.field === 'person' &&
      /not permitted/.test(e.problems[0]!.message),
  );
});

test('should refuse and audit a filing sign-off when the actor is not a supervisor', async () => {
  const { officer, inv } = await sexualOffenceCase('46/7002/26');
  await assert.rejects(
    h.services.filing.signOff(officer, inv.id, {
      person: 'v1',
      at: '2026-04-20T10:00:00Z',
      letterJustificationApproved: true,
      justification: 'x'.repeat(30),
    }),
    Forbidden,
  );
  const audit = await h.services.db
    .selectFrom('auditLog')
    .select(['action', 'reason'])
    .where('investigationId', '=', inv.id)
    .where('action', '=', 'refused')
    .execute();
  assert.deepEqual(
    audit.map((a) => a.reason),
    ['investigation:supervise'],
  );
});

test('should record the letter with an approved justification when a supervisor signed off the filing approving one', async () => {
  const { officer, inv } = await sexualOffenceCase('46/7003/26');
  const supervisor = actorOf(h.accounts.supervisor.user);
  await assert.rejects(
    h.services.filing.signOff(supervisor, inv.id, {
      person: 'v1',
      at: '2026-04-20T09:00:00Z',
      letterJustificationApproved: true,
      justification: 'short',
    }),
    (e: unknown) => e instanceof ValidationFailed && e.problems[0]!.field === 'justification',
  );
  await h.services.filing.signOff(supervisor, inv.id, {
    person: 'v1',
    at: '2026-04-20T09:00:00Z',
    letterJustificationApproved: true,
    justification: 'Victim moved abroad and asked in writing to be told by letter.',
  });
  const recorded = await h.services.filing.recordLetter(officer, inv.id, {
    person: 'v1',
    at: '2026-04-20T10:00:00Z',
  });
  assert.equal(recorded.event.type, 'filing-letter-sent');
  assert.equal(recorded.event.details['justificationApproved'], true);
  const view = await h.services.cases.getCase(officer, inv.id);
  assert.equal(view.findings.filter((f) => f.code === 'F-FILING-LETTER-NOT-PERMITTED').length, 0);
});
