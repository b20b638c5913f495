import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Actor } from '../auth/access.policy.js';
import { createServices, type Services } from '../composition-root.js';
import { londonDateOfMs } from '../domain/calendar/london-time.js';
import { shippedRulePack } from '../domain/rules/rule-pack.js';
import { generateCase, seededRandom } from '../demo/synthetic-force.js';
import { readCaseHistoryDocument } from '../case-history/case-history.schema.js';
import { makeTeam, makeUser } from '../store/testing/fixtures.js';
import { openTestDatabase, type TestDatabase } from '../store/testing/test-database.js';
import { createRepositories } from '../store/repositories.js';
import { SYSTEM_ACTOR } from './actor.js';
import { CalendarProvider } from './calendar.provider.js';
import { FixedClock } from './clock.js';
import { caseHistoryFiles, textSource } from './case-history.service.js';
import { ValidationFailed, Forbidden } from './service-errors.js';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/case-histories');
const GOOD = ['basic-assault.json', 'business-burglary-filed.json', 'child-sexual-enhanced.json'];

let tdb: TestDatabase;
let services: Services;
const clock = new FixedClock(new Date('2026-05-01T12:00:00Z'));

before(async () => {
  tdb = await openTestDatabase();
  const calendar = new CalendarProvider(tdb.db);
  await calendar.reload();
  services = createServices({
    db: tdb.db,
    clock,
    pack: shippedRulePack(),
    calendar,
    config: { SESSION_IDLE_MINUTES: 30, SESSION_ABSOLUTE_HOURS: 12 },
  });
});
after(async () => tdb.close());

async function exportAll(urns?: string[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  const write = (name: string, doc: Record<string, unknown>) => {
    out.set(name, JSON.parse(JSON.stringify(doc)));
    return Promise.resolve();
  };
  if (urns) for (const urn of urns) await services.caseHistories.exportCases(SYSTEM_ACTOR, { urn }, write);
  else await services.caseHistories.exportCases(SYSTEM_ACTOR, { all: true }, write);
  return out;
}

test('should give back the same documents when the public examples are imported and exported', async () => {
  const team = await makeTeam(tdb.db);
  const officer = await makeUser(tdb.db, { teamId: team.id });
  const sources = await caseHistoryFiles(
    GOOD.map((f) => join(FIXTURES, f)),
    process.cwd(),
  );
  const report = await services.caseHistories.importSources(SYSTEM_ACTOR, sources, {
    officers: [officer.username],
  });
  assert.equal(report.investigations, 3);
  assert.ok(report.obligations > 0);

  for (const file of GOOD) {
    const original = JSON.parse(await readFile(join(FIXTURES, file), 'utf8')) as {
      investigation: { urn: string };
    };
    const exported = await exportAll([original.investigation.urn]);
    assert.deepEqual(exported.get(`${original.investigation.urn.replace(/\//g, '-')}.json`), original, file);
  }

  // Obligations were derived in the same import, owned by the officer, with an audit row.
  const repos = createRepositories(tdb.db);
  const inv = await repos.investigations.getByUrn('46/1001/26');
  assert.ok(inv);
  assert.equal(inv.officerInChargeId, officer.id);
  assert.equal(inv.teamId, team.id);
  const obligations = await repos.obligations.listByInvestigation(inv.id);
  assert.ok(
    obligations.some(
      (o) => o.rule === 'OB-INITIAL-CONTACT' && o.status === 'met-late' && o.ownerUserId === officer.id,
    ),
  );
  const imports = await tdb.db.selectFrom('auditLog').selectAll().where('action', '=', 'import').execute();
  assert.equal(imports.length, 1, 'one audit row for the batch');
  assert.deepEqual((imports[0]!.detail as { urns: string[] }).urns.sort(), [
    '46/1001/26',
    '46/1002/26',
    '46/1003/26',
  ]);
  assert.equal((await repos.audit.verifyChain()).ok, true);
});

test('should give back the same documents when a generated set with millisecond instants, offsets and defaults is round-tripped', async () => {
  const rand = seededRandom(7);
  const today = londonDateOfMs(clock.now().getTime());
  // As `victim-care generate` writes them: the reader's form of each generated case.
  const docs = Array.from({ length: 40 }, (_, i) => {
    const read = readCaseHistoryDocument(
      JSON.parse(JSON.stringify(generateCase(rand, 900_000 + i, today).history)),
    );
    assert.ok(read.ok);
    return JSON.parse(JSON.stringify(read.history)) as Record<string, unknown>;
  });
  // Variations real files have: an offset, no seconds, an explicit null asOf, partial flags, explicit defaults.
  const d0 = docs[0] as { events: { at: string }[]; investigation: Record<string, unknown> };
  if (d0.events[0]) d0.events[0].at = '2026-04-01T09:30:00+01:00';
  d0.investigation.reportedAt = '2026-03-30T10:15Z';
  docs[1]!.asOf = null;
  (docs[2] as { investigation: Record<string, unknown> }).investigation.flags = { domesticAbuse: true };
  (docs[3] as { people: Record<string, unknown>[] }).people[0]!.publicSector = false;
  const sources = docs.map((d, i) => textSource(`gen-${i}.json`, JSON.stringify(d)));
  const report = await services.caseHistories.importSources(SYSTEM_ACTOR, sources, { batchSize: 7 });
  assert.equal(report.investigations, 40);
  const exported = await exportAll(
    docs.map((d) => (d as { investigation: { urn: string } }).investigation.urn),
  );
  for (const d of docs) {
    const urn = (d as { investigation: { urn: string } }).investigation.urn;
    assert.deepEqual(exported.get(`${urn.replace(/\//g, '-')}.json`), JSON.parse(JSON.stringify(d)), urn);
  }
});

test('should refuse the whole run and write nothing when one file is bad', async () => {
  const repos = createRepositories(tdb.db);
  const before = (await repos.caseHistories.listIdsByUrn(null, 10_000)).length;
  const bad = await readFile(join(FIXTURES, 'bad-unknown-person.json'), 'utf8');
  const good = JSON.parse(await readFile(join(FIXTURES, 'basic-assault.json'), 'utf8')) as {
    investigation: { urn: string };
  };
  good.investigation.urn = '46/7777/26';
  await assert.rejects(
    services.caseHistories.importSources(SYSTEM_ACTOR, [
      textSource('good.json', JSON.stringify(good)),
      textSource('bad.json', bad),
    ]),
    (e: unknown) => {
      assert.ok(e instanceof ValidationFailed);
      assert.ok(
        e.problems.some(
          (p) =>
            p.field.startsWith('bad.json: events[') &&
            p.field.endsWith('.person') &&
            /no person with id/.test(p.message),
        ),
        JSON.stringify(e.problems),
      );
      assert.ok(e.problems.every((p) => p.field.startsWith('bad.json')));
      return true;
    },
  );
  assert.equal((await repos.caseHistories.listIdsByUrn(null, 10_000)).length, before);
  assert.equal(await repos.investigations.getByUrn('46/7777/26'), undefined);
});

test('should refuse an investigation whose URN exists unless asked to replace it', async () => {
  const repos = createRepositories(tdb.db);
  const text = await readFile(join(FIXTURES, 'basic-assault.json'), 'utf8');
  const first = await repos.investigations.getByUrn('46/1001/26');
  assert.ok(first, 'imported by the first test');
  await assert.rejects(
    services.caseHistories.importDocument(SYSTEM_ACTOR, 'again.json', text),
    (e: unknown) => {
      assert.ok(e instanceof ValidationFailed);
      assert.match(e.problems[0]!.message, /already exists.*--replace/);
      assert.equal(e.problems[0]!.field, 'again.json: investigation.urn');
      return true;
    },
  );
  assert.equal((await repos.investigations.getByUrn('46/1001/26'))?.id, first.id);

  const report = await services.caseHistories.importDocument(SYSTEM_ACTOR, 'again.json', text, {
    replace: true,
  });
  assert.equal(report.replaced, 1);
  const second = await repos.investigations.getByUrn('46/1001/26');
  assert.ok(second && second.id !== first.id);
  assert.ok((await repos.obligations.listByInvestigation(second.id)).length > 0);
});

test('should refuse and audit an import when the actor is not an administrator', async () => {
  const officer: Actor = {
    id: (await makeUser(tdb.db)).id,
    role: 'officer',
    teamId: null,
    displayName: 'PC',
  };
  await assert.rejects(services.caseHistories.importDocument(officer, 'x.json', '{}'), Forbidden);
  const refused = await tdb.db
    .selectFrom('auditLog')
    .selectAll()
    .where('action', '=', 'refused')
    .where('reason', '=', 'case-history:import')
    .execute();
  assert.equal(refused.length, 1);
});
