// CaseService without HTTP: restricted investigations visible only to named users, the OIC and admins;
// every refusal audited against the investigation; a stale version or an event in the future refused
// with nothing written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../auth/access.policy.js';
import { createServices, type Services } from '../composition-root.js';
import { shippedRulePack } from '../domain/rules/rule-pack.js';
import { openTestDatabase, type TestDatabase } from '../store/testing/test-database.js';
import { makeUser } from '../store/testing/fixtures.js';
import { actorOf } from './auth.service.js';
import { CalendarProvider } from './calendar.provider.js';
import { FixedClock } from './clock.js';
import { Conflict, Forbidden, ValidationFailed } from './service-errors.js';

let t: TestDatabase;
let services: Services;
const actors = {} as Record<'admin' | 'oic' | 'named' | 'other' | 'compliance', Actor>;
const clock = new FixedClock(new Date('2026-03-10T12:00:00Z'));

before(async () => {
  t = await openTestDatabase();
  const calendar = new CalendarProvider(t.db);
  await calendar.reload();
  services = createServices({
    db: t.db,
    clock,
    pack: shippedRulePack(),
    calendar,
    config: { SESSION_IDLE_MINUTES: 30, SESSION_ABSOLUTE_HOURS: 12 },
  });
  actors.admin = actorOf(await makeUser(t.db, { role: 'admin' }));
  actors.oic = actorOf(await makeUser(t.db, { role: 'officer' }));
  actors.named = actorOf(await makeUser(t.db, { role: 'supervisor' }));
  actors.other = actorOf(await makeUser(t.db, { role: 'supervisor' }));
  actors.compliance = actorOf(await makeUser(t.db, { role: 'compliance' }));
});
after(async () => {
  await t.close();
});

let n = 0;
async function restrictedCase() {
  return services.cases.createInvestigation(actors.admin, {
    urn: `46/${8000 + n++}/26`,
    reportedAt: '2026-03-09T09:00:00Z',
    offences: [{ category: 'sexual' }],
    flags: { domesticAbuse: false, hateCrime: false, terrorism: false },
    officerInChargeId: actors.oic.id,
    restricted: true,
    namedUserIds: [actors.named.id],
  });
}

const refusals = (investigationId: string) =>
  t.db
    .selectFrom('auditLog')
    .selectAll()
    .where('action', '=', 'refused')
    .where('investigationId', '=', investigationId)
    .orderBy('id')
    .execute();

describe('CaseService', () => {
  test('should show a restricted investigation only to its named users, its OIC and administrators, auditing each refusal', async () => {
    const inv = await restrictedCase();
    for (const who of ['admin', 'oic', 'named'] as const) {
      const view = await services.cases.getCase(actors[who], inv.id, 'review');
      assert.equal(view.investigation.id, inv.id, who);
    }
    await assert.rejects(services.cases.getCase(actors.other, inv.id), Forbidden);
    await assert.rejects(services.cases.getCase(actors.compliance, inv.id), Forbidden);
    const rows = await refusals(inv.id);
    assert.deepEqual(
      rows.map((r) => [r.userId, r.reason, r.recordId]),
      [
        [actors.other.id, 'investigation:read', inv.id],
        [actors.compliance.id, 'investigation:read', inv.id],
      ],
    );
    const search = await services.cases.search(actors.other, { q: inv.urn });
    assert.equal(search.items.length, 0);
  });

  test('should refuse a role that may not record, even on an unrestricted investigation, and audit it', async () => {
    const inv = await services.cases.createInvestigation(actors.oic, {
      urn: '46/8100/26',
      reportedAt: '2026-03-09T09:00:00Z',
      offences: [{ category: 'theft' }],
      flags: { domesticAbuse: false, hateCrime: false, terrorism: false },
      restricted: false,
      namedUserIds: [],
    });
    await assert.rejects(
      services.cases.addPerson(actors.compliance, inv.id, { role: 'victim', kind: 'person', name: 'Vic' }),
      Forbidden,
    );
    assert.equal((await refusals(inv.id)).at(-1)?.reason, 'investigation:record');
    assert.equal(
      (await t.db.selectFrom('people').select('id').where('investigationId', '=', inv.id).execute()).length,
      0,
    );
  });

  test('should refuse a stale version with a conflict and write no update', async () => {
    const inv = await restrictedCase();
    const updatesBefore = await t.db
      .selectFrom('auditLog')
      .select('id')
      .where('action', '=', 'update')
      .where('investigationId', '=', inv.id)
      .execute();
    await assert.rejects(
      services.cases.updateInvestigation(actors.oic, inv.id, {
        anticipatedPlea: 'guilty',
        expectedVersion: inv.version + 5,
      }),
      Conflict,
    );
    const after = await t.db
      .selectFrom('auditLog')
      .select('id')
      .where('action', '=', 'update')
      .where('investigationId', '=', inv.id)
      .execute();
    assert.equal(after.length, updatesBefore.length);
    const current = await services.cases.getCase(actors.admin, inv.id);
    assert.equal(current.investigation.anticipatedPlea, null);
  });

  test('should refuse an event dated in the future, naming at', async () => {
    const inv = await restrictedCase();
    await services.cases.addPerson(actors.oic, inv.id, { role: 'victim', kind: 'person', name: 'Vic' });
    await assert.rejects(
      services.cases.recordEvent(actors.oic, inv.id, {
        id: '__new__',
        type: 'suspect-arrested',
        at: '2026-03-10T12:30:00Z',
      }),
      (e: unknown) => e instanceof ValidationFailed && e.problems.map((p) => p.field).join() === 'at',
    );
    const ok = await services.cases.recordEvent(actors.oic, inv.id, {
      id: '__new__',
      type: 'suspect-arrested',
      at: '2026-03-10T12:04:00Z',
    });
    assert.equal(ok.event.ref, 'e1');
  });
});
