// `victim-care rederive`: an instance recorded a bank-holiday change and stopped before re-deriving; the
// command re-derives what the change affects, audits it, and has nothing left to do the second time.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CaseBuilder, importedCase } from '../../test/support/case-builder.js';
import { openDatabase } from '../store/database.js';
import { createRepositories } from '../store/repositories.js';
import { recordingIo } from './testing/recording-io.js';
import { main } from './main.js';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/case-histories');
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'victim-care-rederive-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const io = recordingIo({ cwd: dir, now: '2026-03-20T12:00:00Z', env: { DATA_DIR: join(dir, 'data') } });
  const code = await main(args, io);
  assert.doesNotMatch(io.stderr, /\n\s+at /, 'never a stack trace');
  return { code, out: io.stdout, err: io.stderr };
}

async function withStore<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>) {
  const opened = await openDatabase({ dataDir: join(dir, 'data') });
  try {
    return await fn(opened.db);
  } finally {
    await opened.close();
  }
}

const referral = (db: Awaited<ReturnType<typeof openDatabase>>['db']) =>
  db
    .selectFrom('obligations as o')
    .innerJoin('investigations as i', 'i.id', 'o.investigationId')
    .select(['o.dueDate', 'i.derivedCalendarVersion'])
    .where('i.urn', '=', '46/1001/26')
    .where('o.rule', '=', 'OB-SUPPORT-REFERRAL')
    .executeTakeFirstOrThrow();

test('should exit 2 on bad usage and print its help', async () => {
  for (const args of [
    ['rederive', 'now'],
    ['rederive', '--batch', '0'],
    ['rederive', '--bogus'],
  ]) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.notEqual(r.err, '');
    assert.equal(r.out, '');
  }
  const help = await run('rederive', '--help');
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: victim-care rederive/);
});

test('should re-derive what a change left unswept affects, audit it, and find nothing the second time', async () => {
  const good = ['basic-assault.json', 'business-burglary-filed.json', 'child-sexual-enhanced.json'];
  const imported = await run('import', ...good.map((f) => join(FIXTURES, f)));
  assert.equal(imported.code, 0, imported.err);
  // Reported Mon 2 March: the support referral is due Wed 4 March, until the 4th is a holiday.
  assert.deepEqual(await withStore(referral), { dueDate: '2026-03-04', derivedCalendarVersion: 0 });

  await withStore((db) =>
    db.transaction().execute(async (trx) => {
      const r = createRepositories(trx);
      await r.calendar.recordChange({
        date: '2026-03-04',
        change: 'added',
        name: 'State occasion',
        changedAt: '2026-03-20T12:00:00Z',
        changedBy: null,
      });
      await r.calendar.add({ date: '2026-03-04', name: 'State occasion' });
    }),
  );

  const first = await run('rederive', '--batch', '1');
  assert.equal(first.code, 0, first.err);
  const done = first.out.match(/^Re-derived (\d+) investigations? in (\d+) batch(?:es)? \(/);
  assert.ok(done, first.out);
  assert.ok(Number(done[1]) >= 1 && Number(done[1]) <= 3, first.out);
  assert.equal(done[2], done[1], 'one investigation a batch');
  assert.match(first.out, /1 calendar change queued \d+ investigations?/);
  assert.deepEqual(await withStore(referral), { dueDate: '2026-03-05', derivedCalendarVersion: 1 });
  const audits = await withStore((db) =>
    db.selectFrom('auditLog').select(['reason', 'detail']).where('action', '=', 'rederive').execute(),
  );
  assert.equal(audits.length, Number(done[1]));
  assert.match(audits[0]!.reason ?? '', /bank holiday 2026-03-04 added/);

  const again = await run('rederive');
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /^Re-derived 0 investigations in 0 batches/);
  const verified = await run('audit', 'verify');
  assert.equal(verified.code, 0, verified.err);
});

test('should find, with --requeue, an investigation an import evaluated with the calendar before the change', async () => {
  // An import that started before the change and committed after it was queued: written with the
  // shipped calendar, and no calendar version (imports record none).
  const history = new CaseBuilder({
    urn: '46/7777/26',
    reportedAt: '2026-03-02T10:15:00Z',
    offences: ['violence-with-injury'],
  })
    .victim('v1', { name: 'Alex Smith' })
    .build();
  await withStore((db) =>
    db.transaction().execute((trx) =>
      createRepositories(trx).caseHistories.insertMany([importedCase(history, '2026-03-20T12:00:00Z')], {
        derivedAt: '2026-03-20T12:00:00Z',
      }),
    ),
  );
  const late = (db: Awaited<ReturnType<typeof openDatabase>>['db']) =>
    db
      .selectFrom('obligations as o')
      .innerJoin('investigations as i', 'i.id', 'o.investigationId')
      .select('o.dueDate')
      .where('i.urn', '=', '46/7777/26')
      .where('o.rule', '=', 'OB-SUPPORT-REFERRAL')
      .executeTakeFirstOrThrow();
  assert.equal((await withStore(late)).dueDate, '2026-03-04');

  const plain = await run('rederive');
  assert.match(plain.out, /^Re-derived 0 investigations/, 'the change was queued before it was written');
  const requeued = await run('rederive', '--requeue');
  assert.equal(requeued.code, 0, requeued.err);
  assert.match(requeued.out, /^Re-derived 1 investigation in 1 batch /);
  assert.equal((await withStore(late)).dueDate, '2026-03-05');
});
