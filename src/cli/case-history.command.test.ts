import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../store/database.js';
import { recordingIo, type RecordingIo } from './testing/recording-io.js';
import { main } from './main.js';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/case-histories');
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'victim-care-import-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function fakeIo(): RecordingIo {
  return recordingIo({ cwd: dir, now: '2026-05-01T12:00:00Z', env: { DATA_DIR: join(dir, 'data') } });
}

async function run(...args: string[]) {
  const io = fakeIo();
  const code = await main(args, io);
  assert.doesNotMatch(io.stderr, /\n\s+at /, 'never a stack trace');
  return { code, out: io.stdout, err: io.stderr };
}

test('should exit 2 with a clear message and the help when the usage is bad', async () => {
  for (const args of [
    ['import'],
    ['import', '--bogus', 'x'],
    ['export', 'out'],
    ['export', '--all', '--urn', 'x', 'out'],
    ['generate', 'out'],
    ['generate', '--victims', '0', 'out'],
    ['seed'],
    ['audit'],
    ['audit', 'frobnicate'],
    ['import', '--batch', 'many', 'x'],
  ]) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.notEqual(r.err, '', args.join(' '));
    assert.equal(r.out, '');
  }
  for (const name of ['import', 'export', 'generate', 'seed', 'migrate', 'audit']) {
    const r = await run(name, '--help');
    assert.equal(r.code, 0);
    assert.match(r.out, new RegExp(`^Usage: victim-care ${name}`));
  }
});

test('should import, refuse duplicates and bad files whole, export the same documents and verify the audit chain', async () => {
  const good = ['basic-assault.json', 'business-burglary-filed.json', 'child-sexual-enhanced.json'];
  const imported = await run('import', ...good.map((f) => join(FIXTURES, f)));
  assert.equal(imported.code, 0, imported.err);
  assert.match(imported.out, /^Imported 3 investigations/);

  const again = await run('import', join(FIXTURES, 'basic-assault.json'));
  assert.equal(again.code, 2);
  assert.match(
    again.err,
    /basic-assault\.json: investigation\.urn: an investigation with URN "46\/1001\/26" already exists \(use --replace/,
  );

  // The fixtures folder holds a bad file: the whole run is refused, naming the file and the path.
  writeFileSync(
    join(dir, 'new.json'),
    readFileSync(join(FIXTURES, 'basic-assault.json'), 'utf8').replace('46/1001/26', '46/5555/26'),
  );
  const bad = await run('import', join(dir, 'new.json'), join(FIXTURES, 'bad-unknown-person.json'));
  assert.equal(bad.code, 2);
  assert.match(bad.err, /bad-unknown-person\.json: events\[\d+\]\.person: no person with id "v9"/);

  const exported = await run('export', '--all', 'out');
  assert.equal(exported.code, 0, exported.err);
  assert.deepEqual(
    readdirSync(join(dir, 'out')).sort(),
    ['46-1001-26.json', '46-1002-26.json', '46-1003-26.json'],
    'nothing of the refused run was written',
  );
  for (const f of good) {
    const original = JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as {
      investigation: { urn: string };
    };
    const back = JSON.parse(
      readFileSync(join(dir, 'out', `${original.investigation.urn.replace(/\//g, '-')}.json`), 'utf8'),
    ) as unknown;
    assert.deepEqual(back, original, f);
  }
  const missing = await run('export', '--urn', '46/0000/00', 'out');
  assert.equal(missing.code, 2);
  assert.match(missing.err, /46\/0000\/00 was not found/);

  const verified = await run('audit', 'verify');
  assert.equal(verified.code, 0, verified.err);
  assert.match(verified.out, /intact/);

  // Tamper with an entry: verify names it and exits 1.
  const opened = await openDatabase({ dataDir: join(dir, 'data') });
  const first = await opened.db.selectFrom('auditLog').select('id').orderBy('id').executeTakeFirstOrThrow();
  await opened.db.updateTable('auditLog').set({ reason: 'edited' }).where('id', '=', first.id).execute();
  await opened.close();
  const broken = await run('audit', 'verify');
  assert.equal(broken.code, 1);
  assert.match(broken.out, new RegExp(`entry id ${first.id}\\b`));
});

test('should write JSON Lines files that import reads when a force is generated', async () => {
  const gen = await run('generate', '--victims', '60', '--seed', '3', '--today', '2026-04-30', 'force');
  assert.equal(gen.code, 0, gen.err);
  assert.deepEqual(readdirSync(join(dir, 'force')), ['force-0001.jsonl']);
  const lines = readFileSync(join(dir, 'force', 'force-0001.jsonl'), 'utf8')
    .trim()
    .split('\n');
  const victims = lines.reduce(
    (n, l) =>
      n + (JSON.parse(l) as { people: { role: string }[] }).people.filter((p) => p.role === 'victim').length,
    0,
  );
  assert.ok(victims >= 60 && victims < 63, String(victims));
  const imported = await run('import', 'force', '--batch', '7');
  assert.equal(imported.code, 0, imported.err);
  assert.match(imported.out, new RegExp(`^Imported ${lines.length} investigations \\(${victims} victims`));
});

test('should load the demo force and apply no migration twice when seed and migrate are run', async () => {
  const seeded = await run('seed', '--demo', '--investigations', '3');
  assert.equal(seeded.code, 0, seeded.err);
  assert.match(seeded.out, /^Demo force loaded: 3 investigations; accounts officer, /);
  const migrated = await run('migrate');
  assert.equal(migrated.code, 0, migrated.err);
  assert.match(migrated.out, /up to date/);
  const verified = await run('audit', 'verify');
  assert.equal(verified.code, 1, 'the chain was tampered with by the earlier test, and stays broken');
});
