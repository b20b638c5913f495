/**
 * The breach register from the ledger: which obligations are breaches, what survives re-derivation, and
 * who may record and sign off. Today is 15 April 2026.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../auth/access.policy.js';
import { createRepositories } from '../store/repositories.js';
import { makeInvestigation, makeTeam, makeUser, obligation } from '../store/testing/fixtures.js';
import { openTestDatabase, type TestDatabase } from '../store/testing/test-database.js';
import { BreachService } from './breach.service.js';
import { FixedClock } from './clock.js';
import { Forbidden, ValidationFailed } from './service-errors.js';

const Q1 = { kind: 'quarter' as const, quarter: '2026-Q1' };
const REASON = {
  reason: 'The officer was on leave and cover was not arranged.',
  remedialAction: 'Victim updated; leave cover now part of the team rota.',
};

describe('BreachService', () => {
  let database: TestDatabase;
  let service: BreachService;
  let investigationId: string;
  let officer: Actor;
  let supervisor: Actor;
  let otherSupervisor: Actor;

  const ids = async () => {
    const rows = await database.db
      .selectFrom('obligations')
      .select(['id', 'rule', 'dueDate'])
      .where('investigationId', '=', investigationId)
      .orderBy('dueDate')
      .execute();
    return Object.fromEntries(rows.map((r) => [`${r.rule}@${r.dueDate}`, Number(r.id)]));
  };
  const derive = () =>
    createRepositories(database.db).obligations.replaceDerived(
      investigationId,
      [
        obligation({
          rule: 'OB-INITIAL-CONTACT',
          person: 'v1',
          dueDate: '2026-01-15',
          status: 'met',
          metAt: '2026-01-14T10:00:00Z',
        }),
        obligation({
          rule: 'OB-MANDATORY-UPDATE',
          person: 'v1',
          dueDate: '2026-01-20',
          status: 'met-late',
          metAt: '2026-01-22T10:00:00Z',
        }),
        obligation({ rule: 'OB-MANDATORY-UPDATE', person: 'v1', dueDate: '2026-02-10', status: 'due' }),
        obligation({ rule: 'OB-VPS-OFFER', person: 'v1', dueDate: '2026-03-05', status: 'not-required' }),
        obligation({ rule: 'OB-INVESTIGATIVE-UPDATE', person: 'v1', dueDate: '2026-04-20', status: 'due' }),
      ],
      [],
      '2026-04-01T00:00:00Z',
    );

  before(async () => {
    database = await openTestDatabase();
    const db = database.db;
    const team = await makeTeam(db, 'Alpha CID');
    const other = await makeTeam(db, 'Bravo CID');
    const o = await makeUser(db, { teamId: team.id });
    const s = await makeUser(db, { role: 'supervisor', teamId: team.id });
    const s2 = await makeUser(db, { role: 'supervisor', teamId: other.id });
    officer = { id: o.id, role: 'officer', teamId: team.id, displayName: 'O' };
    supervisor = { id: s.id, role: 'supervisor', teamId: team.id, displayName: 'S' };
    otherSupervisor = { id: s2.id, role: 'supervisor', teamId: other.id, displayName: 'S2' };
    const inv = await makeInvestigation(db, { teamId: team.id, officerInChargeId: o.id });
    investigationId = inv.id;
    await createRepositories(db).people.create({
      investigationId,
      ref: 'v1',
      role: 'victim',
      kind: 'person',
      name: 'Vic',
    });
    await derive();
    service = new BreachService(db, new FixedClock(new Date('2026-04-15T09:00:00Z')));
  });
  after(async () => {
    await database.close();
  });

  test('should list only the late and the overdue obligations when nobody created a breach', async () => {
    const r = await service.register(supervisor, Q1);
    assert.deepEqual(
      r.items.map((i) => [i.rule, i.dueDate, i.kind, i.state]),
      [
        ['OB-MANDATORY-UPDATE', '2026-02-10', 'overdue', 'needs-reason'],
        ['OB-MANDATORY-UPDATE', '2026-01-20', 'met-late', 'needs-reason'],
      ],
    );
    assert.deepEqual(r.counts, { 'needs-reason': 2, 'awaiting-sign-off': 0, 'signed-off': 0 });
  });

  test('should keep the reason and sign-off when obligations are derived again', async () => {
    const id = (await ids())['OB-MANDATORY-UPDATE@2026-01-20']!;
    await assert.rejects(service.signOff(supervisor, id), ValidationFailed); // nothing recorded yet
    await service.record(officer, id, REASON);
    await assert.rejects(service.signOff(officer, id), Forbidden);
    await assert.rejects(service.signOff(otherSupervisor, id), Forbidden);
    await service.signOff(supervisor, id);
    await derive(); // new obligation ids, same identities
    const again = (await ids())['OB-MANDATORY-UPDATE@2026-01-20']!;
    assert.notEqual(again, id);
    const { item } = await service.get(supervisor, again);
    assert.equal(item.state, 'signed-off');
    assert.equal(item.reason, REASON.reason);
  });

  test('should need a new sign-off when the reason is revised', async () => {
    const id = (await ids())['OB-MANDATORY-UPDATE@2026-01-20']!;
    await service.record(officer, id, {
      ...REASON,
      remedialAction: 'Victim updated; leave cover rota checked weekly by the sergeant.',
    });
    assert.equal((await service.get(supervisor, id)).item.state, 'awaiting-sign-off');
  });

  test('should refuse a reason for an obligation met on time when asked', async () => {
    const id = (await ids())['OB-INITIAL-CONTACT@2026-01-15']!;
    await assert.rejects(service.record(officer, id, REASON), ValidationFailed);
  });

  test('should show an officer only their own breaches and refuse another team’s supervisor', async () => {
    const mine = await service.register(officer, Q1);
    assert.equal(mine.total, 2);
    const other = await service.register(otherSupervisor, Q1);
    assert.equal(other.total, 0);
    await assert.rejects(service.register(otherSupervisor, Q1, { teamId: supervisor.teamId! }), Forbidden);
  });
});
