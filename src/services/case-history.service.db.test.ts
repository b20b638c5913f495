import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Actor } from '../auth/access.policy.js';
import { createServices, type Services } from '../composition-root.js';
import { londonDateOfMs } from '../domain/calendar/london-time.js';
import { shippedRulePack } from '../domain/rules/rule-pack.js';
import { generateCase, seededRandom } from '../demo/synthetic-force.js';
import { readCaseHistoryDocument } from '../case-history/case-history.schema.js';
import { makeTeam, makeUser } from '../store/testing/fixtures.js';
import { openTestDatabase, testEngine, type TestDatabase } from '../store/testing/test-database.js';
import { createRepositories } from '../store/repositories.js';
import { SYSTEM_ACTOR } from './actor.js';
import { CalendarProvider } from './calendar.provider.js';
import { FixedClock } from './clock.js';
import {
  caseHistoryFiles,
  fileSource,
  textSource,
  type DocumentSource,
  type ImportProgress,
} from './case-history.service.js';
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

/** Generated documents (as `victim-care generate` writes them) with URNs from `46/<first>/26` on. */
function generatedDocs(count: number, first: number): Record<string, unknown>[] {
  const rand = seededRandom(first);
  const today = londonDateOfMs(clock.now().getTime());
  return Array.from({ length: count }, (_, i) => {
    const read = readCaseHistoryDocument(
      JSON.parse(JSON.stringify(generateCase(rand, first - 100_000 + i, today).history)),
    );
    assert.ok(read.ok);
    return JSON.parse(JSON.stringify(read.history)) as Record<string, unknown>;
  });
}
const urnOf = (doc: Record<string, unknown>) => (doc as { investigation: { urn: string } }).investigation.urn;

async function stored(urns: readonly string[]): Promise<string[]> {
  return (await createRepositories(tdb.db).caseHistories.findByUrns(urns)).map((x) => x.urn);
}
async function importRows(): Promise<number> {
  return (await tdb.db.selectFrom('auditLog').select('id').where('action', '=', 'import').execute()).length;
}
function refused(check: (e: ValidationFailed) => void) {
  return (e: unknown) => {
    assert.ok(e instanceof ValidationFailed, String(e));
    assert.equal(e.title, 'The import was refused: nothing was written');
    check(e);
    return true;
  };
}

test('should write nothing, not even the batches already written, when a document late in the run is bad', async () => {
  const docs = generatedDocs(12, 910_000);
  (docs[10] as { events: { person?: string }[] }).events[0]!.person = 'nobody';
  const auditBefore = await importRows();
  const progress: ImportProgress[] = [];
  await assert.rejects(
    services.caseHistories.importSources(
      SYSTEM_ACTOR,
      docs.map((d, i) => textSource(`gen-${i}.json`, JSON.stringify(d))),
      { batchSize: 3, onProgress: (p) => progress.push(p) },
    ),
    refused((e) => {
      assert.deepEqual(
        e.problems.map((p) => p.field),
        ['gen-10.json: events[0].person'],
      );
      assert.match(e.problems[0]!.message, /no person with id "nobody"/);
    }),
  );
  // The three batches before the bad document were written, in the one transaction that was rolled back.
  assert.deepEqual(
    progress.map((p) => p.investigations),
    [3, 6, 9],
  );
  assert.deepEqual(await stored(docs.map(urnOf)), []);
  assert.equal(await importRows(), auditBefore);
  assert.equal((await createRepositories(tdb.db).audit.verifyChain()).ok, true);
});

test('should report every problem, early and late, in files and lines, when a run is refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vc-import-test-'));
  try {
    const docs = generatedDocs(9, 920_000);
    delete (docs[7] as { investigation: Record<string, unknown> }).investigation.reportedAt;
    const lines = docs.map((d) => JSON.stringify(d));
    lines[1] = '{"format": ';
    // A blank line (skipped, but counted) before the last four documents.
    const jsonl = join(dir, 'force.jsonl');
    await writeFile(jsonl, [...lines.slice(0, 5), '', ...lines.slice(5)].join('\n') + '\n');
    const again = { ...docs[0]! };
    const existing = JSON.parse(await readFile(join(FIXTURES, 'basic-assault.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    assert.deepEqual(await stored(['46/1001/26']), ['46/1001/26'], 'imported by the first test');
    const sources: DocumentSource[] = [
      fileSource(jsonl, 'force.jsonl'),
      textSource('again.json', JSON.stringify(again)),
      textSource('existing.json', JSON.stringify(existing)),
    ];
    await assert.rejects(
      services.caseHistories.importSources(SYSTEM_ACTOR, sources, { batchSize: 2 }),
      refused((e) => {
        assert.deepEqual(
          e.problems.map((p) => p.field),
          [
            'force.jsonl:2: (document)',
            'force.jsonl:9: investigation.reportedAt',
            'again.json: investigation.urn',
            'existing.json: investigation.urn',
          ],
        );
        assert.match(e.problems[0]!.message, /^not JSON/);
        assert.equal(e.problems[2]!.message, `URN "${urnOf(docs[0]!)}" is also in force.jsonl:1`);
        assert.match(e.problems[3]!.message, /URN "46\/1001\/26" already exists \(use --replace/);
      }),
    );
    assert.deepEqual(await stored(docs.map(urnOf)), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('should list at most 50 problems, then a count of the rest', async () => {
  const sources = Array.from({ length: 30 }, (_, i) => textSource(`empty-${i}.json`, '{}'));
  await assert.rejects(
    services.caseHistories.importSources(SYSTEM_ACTOR, sources),
    refused((e) => {
      assert.equal(e.problems.length, 51);
      assert.ok(e.problems.slice(0, 50).every((p) => p.field.startsWith('empty-')));
      assert.equal(e.problems[50]!.field, '…');
      assert.match(e.problems[50]!.message, /^and \d+ more problems$/);
    }),
  );
});

test('should refuse a run when a late batch holds a URN already in the store, and write nothing', async () => {
  const docs = generatedDocs(9, 930_000);
  const [existing] = generatedDocs(1, 939_000);
  await services.caseHistories.importDocument(SYSTEM_ACTOR, 'existing.json', JSON.stringify(existing));
  docs[7] = existing!;
  const progress: number[] = [];
  await assert.rejects(
    services.caseHistories.importSources(
      SYSTEM_ACTOR,
      docs.map((d, i) => textSource(`gen-${i}.json`, JSON.stringify(d))),
      { batchSize: 3, onProgress: (p) => progress.push(p.investigations) },
    ),
    refused((e) => {
      assert.deepEqual(e.problems, [
        {
          field: 'gen-7.json: investigation.urn',
          message: `an investigation with URN "${urnOf(existing!)}" already exists (use --replace to replace it)`,
        },
      ]);
    }),
  );
  assert.deepEqual(progress, [3, 6]);
  assert.deepEqual(await stored(docs.map(urnOf)), [urnOf(existing!)]);
});

test('should write nothing when a source fails in the middle of a run', async () => {
  const docs = generatedDocs(8, 940_000);
  const failing: DocumentSource = {
    name: 'failing.jsonl',
    async *documents() {
      for (const [i, d] of docs.entries()) yield { text: JSON.stringify(d), line: i + 1 };
      throw new Error('the disk went away');
    },
  };
  const progress: number[] = [];
  await assert.rejects(
    services.caseHistories.importSources(SYSTEM_ACTOR, [failing], {
      batchSize: 3,
      onProgress: (p) => progress.push(p.investigations),
    }),
    /the disk went away/,
  );
  assert.deepEqual(progress, [3, 6]);
  assert.deepEqual(await stored(docs.map(urnOf)), []);
});

test('should report progress after each batch and replace a whole run, one audit row per batch', async () => {
  const docs = generatedDocs(7, 950_000);
  const sources = () => docs.map((d, i) => textSource(`gen-${i}.json`, JSON.stringify(d)));
  const victims = docs.map(
    (d) => (d as { people: { role: string }[] }).people.filter((p) => p.role === 'victim').length,
  );
  const repos = createRepositories(tdb.db);
  const auditBefore = await importRows();

  const progress: ImportProgress[] = [];
  const first = await services.caseHistories.importSources(SYSTEM_ACTOR, sources(), {
    batchSize: 3,
    onProgress: (p) => progress.push(p),
  });
  assert.deepEqual(
    progress.map((p) => [p.investigations, p.victims]),
    [
      [3, victims[0]! + victims[1]! + victims[2]!],
      [6, victims.slice(0, 6).reduce((a, b) => a + b)],
      [7, victims.reduce((a, b) => a + b)],
    ],
  );
  assert.equal(first.investigations, 7);
  assert.equal(first.victims, progress[2]!.victims);
  assert.equal(first.replaced, 0);
  assert.ok(first.readMs > 0 && first.readMs <= first.elapsedMs);
  const ids = await repos.caseHistories.findByUrns(docs.map(urnOf));
  assert.equal(ids.length, 7);

  const second = await services.caseHistories.importSources(SYSTEM_ACTOR, sources(), {
    batchSize: 3,
    replace: true,
  });
  assert.equal(second.investigations, 7);
  assert.equal(second.replaced, 7);
  const newIds = await repos.caseHistories.findByUrns(docs.map(urnOf));
  assert.equal(newIds.length, 7);
  assert.ok(newIds.every((n) => !ids.some((o) => o.id === n.id)));
  for (const { id } of newIds) assert.ok((await repos.obligations.listByInvestigation(id)).length > 0);
  const exported = await exportAll(docs.map(urnOf));
  for (const d of docs) assert.deepEqual(exported.get(`${urnOf(d).replace(/\//g, '-')}.json`), d);

  const rows = await tdb.db
    .selectFrom('auditLog')
    .selectAll()
    .where('action', '=', 'import')
    .orderBy('id')
    .execute();
  assert.equal(rows.length, auditBefore + 6, 'three batches a run');
  const details = rows.slice(-6).map((r) => r.detail as { urns: string[]; replaced: number });
  assert.deepEqual(
    details.map((d) => d.urns),
    [...[0, 1].flatMap(() => [docs.slice(0, 3), docs.slice(3, 6), docs.slice(6)])].map((b) => b.map(urnOf)),
  );
  assert.deepEqual(
    details.map((d) => d.replaced),
    [0, 0, 0, 3, 3, 1],
  );
  assert.equal((await repos.audit.verifyChain()).ok, true);
});

test(
  'should not hold the audit chain lock while an import writes its batches',
  { skip: testEngine() !== 'postgres' && 'PGlite is one session: an import holds it to the end' },
  async () => {
    const docs = generatedDocs(6, 960_000);
    const repos = createRepositories(tdb.db);
    let firstBatch!: () => void;
    const written = new Promise<void>((resolve) => (firstBatch = resolve));
    let appendedDuringImport: boolean | undefined;
    let appended: Promise<unknown> | undefined;
    const source: DocumentSource = {
      name: 'slow.jsonl',
      async *documents() {
        for (const [i, d] of docs.entries()) {
          if (i === 4) {
            // The first batch is written (uncommitted); another user's audited action must not wait for the import.
            await written;
            appended = repos.audit.append({ userId: null, action: 'read', recordType: 'test' });
            let timer: NodeJS.Timeout | undefined;
            appendedDuringImport = await Promise.race([
              appended.then(() => true),
              new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 5000))),
            ]);
            clearTimeout(timer);
          }
          yield { text: JSON.stringify(d), line: i + 1 };
        }
      },
    };
    const report = await services.caseHistories.importSources(SYSTEM_ACTOR, [source], {
      batchSize: 2,
      onProgress: () => firstBatch(),
    });
    await appended; // (if the import held the lock, only now)
    assert.equal(report.investigations, 6);
    assert.equal(appendedDuringImport, true);
    assert.equal((await repos.audit.verifyChain()).ok, true);
  },
);
