import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CaseHistory } from '../domain/case-history/case-history.types.js';
import { hashEntry } from './audit.repository.js';
import { createRepositories } from './repositories.js';
import { makeInvestigation, makeTeam, makeUser, obligation } from './testing/fixtures.js';
import { openTestDatabase, type TestDatabase } from './testing/test-database.js';

let t: TestDatabase;
before(async () => {
  t = await openTestDatabase();
});
after(async () => {
  await t?.close();
});

const history: CaseHistory = {
  format: 'victim-care/case-history@1',
  investigation: {
    urn: '46/1234/26',
    reportedAt: '2026-03-02T10:15:00.000Z',
    offenceDate: '2026-03-01',
    offences: [{ category: 'violence-with-injury', description: 'ABH' }],
    flags: { domesticAbuse: false, hateCrime: false, terrorism: false },
    anticipatedPlea: 'not-guilty',
  },
  people: [
    {
      id: 'v1',
      role: 'victim',
      kind: 'person',
      name: 'Alex Smith',
      dateOfBirth: '1990-04-01',
      vulnerabilities: [],
      fearOrDistress: false,
      persistentlyTargeted: false,
      bereavedCloseRelative: false,
      relationshipToSuspect: null,
      namedContact: null,
      publicSector: false,
      contract: {
        preferredMethod: 'phone',
        updateFrequencyDays: 14,
        timesToAvoid: [{ days: ['mon', 'tue'], from: '09:00', to: '17:00' }],
        enhancedRecorded: false,
      },
    },
  ],
  events: [
    {
      id: 'e1',
      at: '2026-03-03T08:30:00.000Z',
      type: 'contact',
      person: 'v1',
      method: 'phone',
      outcome: 'unsuccessful',
      purposes: ['initial-contact'],
      summary: 'No answer.',
    },
    { id: 'e2', at: '2026-03-06T18:00:00.000Z', type: 'suspect-arrested' },
    {
      id: 'e3',
      at: '2026-03-09T17:30:00.000Z',
      type: 'contact',
      person: 'v1',
      method: 'phone',
      outcome: 'successful',
      purposes: ['initial-contact', 'mandatory-update'],
      informs: ['e2'],
      summary: 'Spoke.',
    },
  ],
};

test('should import a case history and load it back unchanged', async () => {
  const team = await makeTeam(t.db);
  const oic = await makeUser(t.db, { teamId: team.id });
  const r = createRepositories(t.db);
  const inv = await t.db.transaction().execute((trx) =>
    createRepositories(trx).caseHistories.importCaseHistory(history, {
      officerInChargeId: oic.id,
      teamId: team.id,
    }),
  );
  const back = await r.caseHistories.load(inv.id);
  assert.deepEqual(back, history);
  assert.equal((await r.investigations.getByUrn('46/1234/26'))?.id, inv.id);
  assert.equal(await r.events.nextRef(inv.id), 'e4');
  const appended = await r.events.append({
    investigationId: inv.id,
    type: 'statement',
    at: '2026-03-10T09:00:00Z',
    personId: (await r.people.getByRef(inv.id, 'v1'))?.id ?? null,
  });
  assert.equal(appended.ref, 'e4');
  assert.equal(appended.at, '2026-03-10T09:00:00.000Z');
});

test('should find investigations by URN prefix and by any word of a person name', async () => {
  const r = createRepositories(t.db);
  const inv = await makeInvestigation(t.db, { urn: '99/5555/26' });
  await r.people.create({
    investigationId: inv.id,
    ref: 'v1',
    role: 'victim',
    kind: 'person',
    name: "Jo O'Brien-Hughes",
  });
  for (const q of ['99/55', 'obri', "o'brien", 'hughes', 'jo o', 'JO', 'obrien-hu']) {
    const found = await r.investigations.search({ query: q });
    assert.ok(
      found.items.some((i) => i.id === inv.id),
      `query ${q}`,
    );
  }
  const none = await r.investigations.search({ query: 'zzzz' });
  assert.equal(none.total, 0);
  const hit = (await r.investigations.search({ query: 'hughes' })).items.find((i) => i.id === inv.id);
  assert.deepEqual(hit?.names, ["Jo O'Brien-Hughes"]);
});

test('should hide restricted investigations from users who are neither OIC nor named', async () => {
  const r = createRepositories(t.db);
  const oic = await makeUser(t.db);
  const named = await makeUser(t.db);
  const other = await makeUser(t.db);
  const inv = await makeInvestigation(t.db, { urn: 'R/1/26', restricted: true, officerInChargeId: oic.id });
  await r.investigations.grantAccess(inv.id, named.id, oic.id);
  await r.investigations.grantAccess(inv.id, named.id, oic.id); // idempotent
  assert.equal(await r.investigations.isVisibleTo(inv.id, oic.id), true);
  assert.equal(await r.investigations.isVisibleTo(inv.id, named.id), true);
  assert.equal(await r.investigations.isVisibleTo(inv.id, other.id), false);
  assert.equal((await r.investigations.search({ query: 'R/1/', restrictedVisibleTo: other.id })).total, 0);
  assert.equal((await r.investigations.search({ query: 'R/1/', restrictedVisibleTo: named.id })).total, 1);
  assert.deepEqual(
    (await r.investigations.listAccess(inv.id)).map((a) => a.userId),
    [named.id],
  );
  assert.equal(await r.investigations.revokeAccess(inv.id, named.id), true);
  assert.equal(await r.investigations.isVisibleTo(inv.id, named.id), false);
});

test('should refuse an update with a stale version', async () => {
  const r = createRepositories(t.db);
  const inv = await makeInvestigation(t.db);
  const updated = await r.investigations.update(inv.id, inv.version, { status: 'charged' });
  assert.equal(updated?.version, inv.version + 1);
  assert.equal(await r.investigations.update(inv.id, inv.version, { status: 'closed' }), undefined);
  assert.equal(await r.investigations.bumpVersion(inv.id, inv.version + 1), true);
});

test('should bucket an officer worklist by due date against today', async () => {
  const team = await makeTeam(t.db, 'Worklist Team');
  const alice = await makeUser(t.db, { teamId: team.id, displayName: 'Alice' });
  const bob = await makeUser(t.db, { teamId: team.id, displayName: 'Bob' });
  const r = createRepositories(t.db);
  const a = await makeInvestigation(t.db, { officerInChargeId: alice.id, teamId: team.id });
  const b = await makeInvestigation(t.db, { officerInChargeId: bob.id, teamId: team.id });
  const v = await r.people.create({
    investigationId: a.id,
    ref: 'v1',
    role: 'victim',
    kind: 'person',
    name: 'Vic Tim',
  });
  const e1 = await r.events.append({
    investigationId: a.id,
    type: 'suspect-arrested',
    at: '2026-06-01T10:00:00Z',
  });
  await t.db.transaction().execute(async (trx) => {
    const o = createRepositories(trx).obligations;
    await o.replaceDerived(
      a.id,
      [
        obligation({ rule: 'OB-INITIAL-CONTACT', person: 'v1', dueDate: '2026-06-05' }), // overdue
        obligation({ rule: 'OB-MANDATORY-UPDATE', person: 'v1', trigger: e1.ref, dueDate: '2026-06-10' }), // today
        obligation({ rule: 'OB-SUPPORT-REFERRAL', person: 'v1', dueDate: '2026-06-17' }), // this week (+7)
        obligation({ rule: 'OB-INVESTIGATIVE-UPDATE', person: 'v1', dueDate: '2026-06-18' }), // upcoming
        obligation({
          rule: 'OB-STATEMENT',
          person: 'v1',
          dueDate: '2026-06-01',
          status: 'met',
          metAt: '2026-06-01T12:00:00Z',
        }),
        obligation({ rule: 'OB-VICTIM-CARE-CARD', person: 'v1', dueDate: '2026-06-08', owner: 'imu' }),
        obligation({ rule: 'OB-VWCU-HANDOVER', dueDate: '2026-06-12', owner: 'vwcu' }),
      ],
      [
        {
          code: 'F-SINGLE-ATTEMPT',
          person: 'v1',
          rule: 'OB-INITIAL-CONTACT',
          event: null,
          message: 'm',
          source: 's',
        },
      ],
      '2026-06-10T08:00:00.000Z',
    );
    await o.replaceDerived(
      b.id,
      [obligation({ rule: 'OB-INITIAL-CONTACT', dueDate: '2026-06-09' })],
      [],
      '2026-06-10T08:00:00.000Z',
    );
  });
  const today = '2026-06-10';
  const list = await r.obligations.worklistForUser(alice.id, { today });
  assert.deepEqual(list.counts, { overdue: 1, dueToday: 1, dueThisWeek: 1, upcoming: 1, total: 4 });
  assert.deepEqual(
    list.items.map((i) => [i.rule, i.bucket]),
    [
      ['OB-INITIAL-CONTACT', 'overdue'],
      ['OB-MANDATORY-UPDATE', 'due-today'],
      ['OB-SUPPORT-REFERRAL', 'due-this-week'],
      ['OB-INVESTIGATIVE-UPDATE', 'upcoming'],
    ],
  );
  assert.equal(list.items[0]?.personName, 'Vic Tim');
  assert.equal(list.items[0]?.personId, v.id);
  assert.equal(list.items[1]?.triggerEventId, e1.id);
  const todayOnly = await r.obligations.worklistForUser(alice.id, { today, bucket: 'due-today' });
  assert.equal(todayOnly.total, 1);
  assert.deepEqual(
    todayOnly.items.map((i) => i.rule),
    ['OB-MANDATORY-UPDATE'],
  );
  const paged = await r.obligations.worklistForUser(alice.id, {
    today,
    sort: 'rule',
    direction: 'desc',
    limit: 2,
    offset: 1,
  });
  assert.deepEqual(
    paged.items.map((i) => i.rule),
    ['OB-MANDATORY-UPDATE', 'OB-INVESTIGATIVE-UPDATE'],
  );
  assert.equal(paged.total, 4);

  const teamList = await r.obligations.worklistForTeam(team.id, { today });
  assert.equal(teamList.counts.total, 5);
  assert.deepEqual(
    teamList.perOfficer.map((o) => [o.displayName, o.overdue, o.total]),
    [
      ['Alice', 1, 4],
      ['Bob', 1, 1],
    ],
  );
  const imu = await r.obligations.imuQueue({ today });
  assert.deepEqual(
    imu.items.map((i) => [i.rule, i.bucket]),
    [['OB-VICTIM-CARE-CARD', 'overdue']],
  );
  const vwcu = await r.obligations.vwcuQueue({ today });
  assert.deepEqual(
    vwcu.items.map((i) => [i.rule, i.personId, i.bucket]),
    [['OB-VWCU-HANDOVER', null, 'due-this-week']],
  );

  // re-derivation replaces, and ownership follows the OIC
  await r.obligations.replaceDerived(
    a.id,
    [obligation({ rule: 'OB-INITIAL-CONTACT', person: 'v1', dueDate: '2026-06-05' })],
    [],
    '2026-06-11T08:00:00.000Z',
  );
  assert.equal((await r.obligations.listByInvestigation(a.id)).length, 1);
  assert.equal((await r.obligations.listFindings(a.id)).length, 0);
  await r.investigations.update(a.id, a.version, { officerInChargeId: bob.id });
  assert.equal(await r.obligations.syncOwnership(a.id), 1);
  assert.equal((await r.obligations.worklistForUser(alice.id, { today })).counts.total, 0);
  assert.equal((await r.obligations.worklistForUser(bob.id, { today })).counts.total, 2);

  const byRule = await r.obligations.compliance({
    from: '2026-06-01',
    to: '2026-06-30',
    today,
    groupBy: 'rule',
  });
  assert.deepEqual(
    byRule.map((x) => [x.key, Number(x.overdue), Number(x.total)]),
    [['OB-INITIAL-CONTACT', 2, 2]],
  );
});

test('should refuse derived rows that name an unknown person or event', async () => {
  const r = createRepositories(t.db);
  const inv = await makeInvestigation(t.db);
  await assert.rejects(
    t.db
      .transaction()
      .execute((trx) =>
        createRepositories(trx).obligations.replaceDerived(
          inv.id,
          [obligation({ rule: 'X', person: 'v9', dueDate: '2026-01-01' })],
          [],
          '2026-01-01T00:00:00Z',
        ),
      ),
    /unknown person "v9"/,
  );
  assert.equal((await r.obligations.listByInvestigation(inv.id)).length, 0);
});

test('should chain audit entries, answer who viewed, and detect a tampered row', async () => {
  const r = createRepositories(t.db);
  const user = await makeUser(t.db, { displayName: 'Auditor' });
  await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      r.audit.append({
        userId: user.id,
        action: i % 2 ? 'read' : 'update',
        recordType: 'person',
        recordId: 'p1',
        reason: `r${i}`,
        detail: { b: 1, a: [i, { z: true, y: null }] },
      }),
    ),
  );
  await t.db.transaction().execute((trx) =>
    createRepositories(trx).audit.append({
      userId: null,
      action: 'create',
      recordType: 'investigation',
      recordId: 'i1',
    }),
  );
  assert.deepEqual(await r.audit.verifyChain({ batchSize: 4 }), { ok: true, checked: 7 });
  const viewed = await r.audit.whoViewed('person', 'p1');
  assert.equal(viewed.length, 3);
  assert.equal(viewed[0]?.displayName, 'Auditor');
  const third = (
    await t.db.selectFrom('auditLog').select('id').orderBy('id').offset(2).limit(1).executeTakeFirstOrThrow()
  ).id;
  await t.db.updateTable('auditLog').set({ reason: 'edited' }).where('id', '=', third).execute();
  assert.deepEqual(await r.audit.verifyChain({ batchSize: 4 }), { ok: false, brokenId: third, checked: 2 });
});

test('should commit concurrent audit appends together in one chain, rejecting only a bad entry, when made outside a transaction', async () => {
  const r = createRepositories(t.db);
  const before = await t.db
    .selectFrom('auditLog')
    .select(['id', 'hash'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const results = await Promise.allSettled(
    Array.from({ length: 9 }, (_, i) =>
      r.audit.append({
        userId: i === 4 ? 'not-a-uuid' : null,
        action: 'read',
        recordType: 'worklist',
        recordId: `w${i}`,
        detail: { i },
      }),
    ),
  );
  assert.deepEqual(
    results.map((x) => x.status),
    [
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ],
  );
  const rows = await t.db
    .selectFrom('auditLog')
    .selectAll()
    .where('id', '>', before.id)
    .orderBy('id')
    .execute();
  assert.deepEqual(
    rows.map((x) => x.recordId),
    ['w0', 'w1', 'w2', 'w3', 'w5', 'w6', 'w7', 'w8'],
  );
  let prev = before.hash;
  for (const row of rows) {
    assert.equal(row.prevHash, prev, `row ${row.id} links to the one before`);
    assert.equal(row.hash, hashEntry(row.prevHash, row));
    prev = row.hash;
  }
});

test('should keep sessions and API tokens by hash and expire them', async () => {
  const r = createRepositories(t.db);
  const user = await makeUser(t.db);
  await r.sessions.create({
    id: 'h1',
    userId: user.id,
    expiresAt: '2026-06-10T12:00:00Z',
    csrfSecret: 'c',
    now: '2026-06-10T10:00:00Z',
  });
  assert.equal((await r.sessions.findLive('h1', '2026-06-10T11:00:00Z'))?.user.id, user.id);
  assert.equal(await r.sessions.findLive('h1', '2026-06-10T12:00:00Z'), undefined);
  assert.equal(await r.sessions.deleteExpired('2026-06-10T13:00:00Z'), 1);
  const token = await r.sessions.createApiToken({ name: 'ci', tokenHash: 'th', userId: user.id });
  assert.equal((await r.sessions.findApiToken('th'))?.token.id, token.id);
  assert.equal(await r.sessions.revokeApiToken(token.id, '2026-06-10T10:00:00Z'), true);
  assert.equal(await r.sessions.findApiToken('th'), undefined);
  assert.equal(await r.users.recordFailedSignIn(user.id), 1);
  assert.equal(await r.users.recordFailedSignIn(user.id, '2026-06-10T10:15:00Z'), 2);
  assert.equal((await r.users.getById(user.id))?.lockedUntil, '2026-06-10T10:15:00.000Z');
});
