import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main.js';
import { recordingIo, type RecordingIo } from './testing/recording-io.js';
import { SHIPPED_POLICY_PACKS } from '../domain/rules/rule-pack.js';
import { CaseBuilder } from '../../test/support/case-builder.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'victim-care-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function fakeIo(now = '2026-03-25T12:00:00Z'): RecordingIo {
  return recordingIo({ cwd: dir, now });
}
function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
function basicCase(asOf: string | null = '2026-03-20T12:00:00Z') {
  // Reported Mon 2026-03-02; arrest Fri 03-06 → mandatory update due Fri 03-13 (5 working days).
  return new CaseBuilder({ reportedAt: '2026-03-02T10:15:00Z', offences: ['violence-with-injury'], asOf })
    .victim('v1', { name: 'Alex Smith' })
    .event('e2', '2026-03-06T18:00:00Z', 'suspect-arrested')
    .build();
}

test('should print the evaluation as JSON and exit 0 when the file is valid', async () => {
  const io = fakeIo();
  const code = await main(['evaluate', write('ok.json', basicCase())], io);
  assert.equal(code, 0, io.stderr);
  assert.equal(io.stderr, '');
  const out = JSON.parse(io.stdout);
  assert.equal(out.asOf, '2026-03-20T12:00:00.000Z');
  const mu = out.obligations.find((o: { rule: string }) => o.rule === 'OB-MANDATORY-UPDATE');
  assert.equal(mu.dueDate, '2026-03-13');
  assert.equal(mu.status, 'overdue');
  assert.equal(mu.source, 'Code Right 6');
});

test('should exit 2 with one line per problem, no stdout and no stack trace when the input is bad', async () => {
  const doc = basicCase() as unknown as {
    events: unknown[];
    investigation: { offences: { category: string }[] };
  };
  doc.events.push({
    id: 'e9',
    at: '2026-03-07T10:00:00Z',
    type: 'contact',
    person: 'v9',
    method: 'phone',
    outcome: 'successful',
    purposes: ['other'],
  });
  doc.investigation.offences[0]!.category = 'arson';
  const io = fakeIo();
  const code = await main(['evaluate', write('bad.json', doc)], io);
  assert.equal(code, 2);
  assert.equal(io.stdout, '');
  const lines = io.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 2, io.stderr);
  assert.ok(
    lines.some((l) => l.startsWith('events[1].person: no person with id "v9"')),
    io.stderr,
  );
  assert.ok(
    lines.some((l) => l.startsWith('investigation.offences[0].category: ')),
    io.stderr,
  );
  assert.doesNotMatch(io.stderr, /\n\s+at /);
});

test('should exit 2 without stdout when the file is not JSON or cannot be read', async () => {
  const io = fakeIo();
  assert.equal(await main(['evaluate', write('notjson.json', '{ nope')], io), 2);
  assert.equal(io.stdout, '');
  assert.match(io.stderr, /^\(document\): not JSON/);
  const missing = fakeIo();
  assert.equal(await main(['evaluate', 'no-such-file.json'], missing), 2);
  assert.equal(missing.stdout, '');
  assert.doesNotMatch(missing.stderr, /\n\s+at /);
});

test('should print a table with person, what is owed, due date, status and rule when --format text is given', async () => {
  const io = fakeIo();
  assert.equal(
    await main(['evaluate', write('text.json', basicCase()), '--format', 'text'], io),
    0,
    io.stderr,
  );
  const lines = io.stdout.split('\n');
  const header = lines.find((l) => l.startsWith('person') && l.includes('what is owed'));
  assert.ok(header, io.stdout);
  for (const col of ['person', 'what is owed', 'due', 'status', 'rule']) assert.ok(header.includes(col), col);
  const row = lines.find((l) => l.includes('OB-MANDATORY-UPDATE'));
  assert.ok(row, io.stdout);
  assert.match(row, /Alex Smith \(v1\)/);
  assert.match(row, /2026-03-13/);
  assert.match(row, /OVERDUE/);
});

test('should evaluate as of --as-of when it is given, overriding the file', async () => {
  const io = fakeIo();
  assert.equal(
    await main(['evaluate', write('asof.json', basicCase()), '--as-of', '2026-03-10T12:00:00Z'], io),
    0,
    io.stderr,
  );
  const out = JSON.parse(io.stdout);
  assert.equal(out.asOf, '2026-03-10T12:00:00.000Z');
  assert.equal(out.obligations.find((o: { rule: string }) => o.rule === 'OB-MANDATORY-UPDATE').status, 'due');
  const bad = fakeIo();
  assert.equal(await main(['evaluate', write('asof2.json', basicCase()), '--as-of', 'tomorrow'], bad), 2);
  assert.equal(bad.stdout, '');
});

test('should evaluate as of now when the file has no asOf', async () => {
  const io = fakeIo('2026-03-11T09:00:00Z');
  assert.equal(await main(['evaluate', write('now.json', basicCase(null))], io), 0, io.stderr);
  assert.equal(JSON.parse(io.stdout).asOf, '2026-03-11T09:00:00.000Z');
});

test('should apply a local policy file when --rule-pack names one', async () => {
  // Needs assessment due report + 3 days = 2026-03-05 under this policy (Kent: 03-07).
  const kent = SHIPPED_POLICY_PACKS[0]!;
  const policy = {
    ...kent,
    id: 'test-force',
    rules: { ...kent.rules, 'OB-NEEDS-ASSESSMENT': { dueCalendarDays: 3 } },
  };
  const io = fakeIo();
  assert.equal(
    await main(
      ['evaluate', write('case.json', basicCase()), '--rule-pack', write('policy.json', policy)],
      io,
    ),
    0,
    io.stderr,
  );
  const out = JSON.parse(io.stdout);
  assert.equal(out.rulePack, 'victims-code-2020+test-force');
  assert.equal(
    out.obligations.find((o: { rule: string }) => o.rule === 'OB-NEEDS-ASSESSMENT').dueDate,
    '2026-03-05',
  );
});

test('should exit 2 naming the setting when the --rule-pack policy is unusable', async () => {
  const kent = SHIPPED_POLICY_PACKS[0]!;
  const { ['OB-VCS-REFERRAL']: _dropped, ...rules } = kent.rules;
  const policy = { ...kent, id: 'broken', rules: { ...rules, 'OB-NOPE': { dueWorkingDays: 1 } } };
  const io = fakeIo();
  assert.equal(
    await main(
      ['evaluate', write('case2.json', basicCase()), '--rule-pack', write('broken.json', policy)],
      io,
    ),
    2,
  );
  assert.equal(io.stdout, '');
  const lines = io.stderr.trimEnd().split('\n');
  assert.ok(
    lines.some((l) => /^--rule-pack: .*rules\.OB-NOPE is not a rule/.test(l)),
    io.stderr,
  );
  assert.ok(
    lines.some((l) => /^--rule-pack: rules\.OB-VCS-REFERRAL\.dueWorkingDays has no value/.test(l)),
    io.stderr,
  );
});

test('should exit 2 when the command is unknown', async () => {
  const io = fakeIo();
  assert.equal(await main(['evalute', 'x.json'], io), 2);
  assert.equal(io.stdout, '');
  assert.match(io.stderr, /unknown command "evalute"/);
});
