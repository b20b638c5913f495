import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCaseHistory, readCaseHistoryDocument, type Problem } from './case-history.schema.js';

/** A valid document, edited by each test to break one thing. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests break documents field by field
function valid(): Record<string, any> {
  return {
    format: 'victim-care/case-history@1',
    asOf: '2026-03-20T12:00:00Z',
    investigation: {
      urn: '46/1234/26',
      reportedAt: '2026-03-02T10:15:00Z',
      offenceDate: '2026-03-01',
      offences: [{ category: 'violence-with-injury' }],
      flags: { domesticAbuse: false, hateCrime: false, terrorism: false },
    },
    people: [{ id: 'v1', role: 'victim', kind: 'person', name: 'Alex Smith', dateOfBirth: '1990-04-01' }],
    events: [
      { id: 'e1', at: '2026-03-06T18:00:00Z', type: 'suspect-arrested' },
      {
        id: 'e2',
        at: '2026-03-09T17:30:00+01:00',
        type: 'contact',
        person: 'v1',
        method: 'phone',
        outcome: 'successful',
        purposes: ['mandatory-update'],
        informs: ['e1'],
        summary: 'Explained the arrest and the next steps to the victim.',
      },
      { id: 'e3', at: '2026-03-10T10:00:00Z', type: 'complaint-received', person: 'v1' },
      { id: 'e4', at: '2026-03-11T10:00:00Z', type: 'complaint-responded', person: 'v1', complaint: 'e3' },
    ],
  };
}
function problems(doc: unknown): Problem[] {
  const r = readCaseHistory(JSON.stringify(doc));
  assert.equal(r.ok, false, 'the document should be refused');
  return r.ok ? [] : r.problems;
}
function problemAt(doc: unknown, path: string): string {
  const found = problems(doc).filter((p) => p.path === path);
  assert.equal(found.length, 1, `one problem at ${path}: ${JSON.stringify(problems(doc))}`);
  return found[0]!.message;
}

test('should read a valid document when every field is well formed', () => {
  const r = readCaseHistory(JSON.stringify(valid()));
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.history.events.length, 4);
});

test('should report the document when the text is not JSON or not an object', () => {
  const r = readCaseHistory('{"format": ');
  assert.ok(!r.ok);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.path, '(document)');
  assert.match(r.problems[0]!.message, /not JSON/);
  const arr = readCaseHistoryDocument([]);
  assert.ok(!arr.ok && arr.problems[0]!.path === '(document)');
});

test('should name the path when an event type is unknown', () => {
  const d = valid();
  d.events[0].type = 'suspect-teleported';
  assert.match(problemAt(d, 'events[0].type'), /unknown event type "suspect-teleported"/);
});

test('should name the path when an offence category is unknown', () => {
  const d = valid();
  d.investigation.offences[0].category = 'arson';
  assert.match(problemAt(d, 'investigation.offences[0].category'), /"arson" is not a known offence category/);
});

test('should name the path when an event refers to an unknown person', () => {
  const d = valid();
  d.events[1].person = 'v9';
  assert.equal(problemAt(d, 'events[1].person'), 'no person with id "v9"');
});

test('should name the path when informs refers to an unknown event', () => {
  const d = valid();
  d.events[1].informs = ['e1', 'e99'];
  assert.equal(problemAt(d, 'events[1].informs[1]'), 'no event with id "e99"');
});

test('should name the path when a reference names an event of the wrong type', () => {
  const d = valid();
  d.events[3].complaint = 'e1';
  assert.match(problemAt(d, 'events[3].complaint'), /"e1" is a suspect-arrested, not a complaint-received/);
  const e = valid();
  e.events[3].complaint = 'e42';
  assert.equal(problemAt(e, 'events[3].complaint'), 'no event with id "e42"');
});

test('should name the path when a date or an instant is invalid', () => {
  const d = valid();
  d.investigation.offenceDate = '2026-02-30';
  d.people[0].dateOfBirth = '01/04/1990';
  assert.match(problemAt(d, 'investigation.offenceDate'), /YYYY-MM-DD/);
  assert.match(problemAt(d, 'people[0].dateOfBirth'), /YYYY-MM-DD/);
  for (const at of [
    '2026-03-06 18:00:00',
    '2026-03-06T18:00:00',
    '2026-02-30T10:00:00Z',
    '2026-03-06T25:00:00Z',
    'yesterday',
  ]) {
    const e = valid();
    e.events[0].at = at;
    assert.match(problemAt(e, 'events[0].at'), /ISO 8601 instant/, at);
  }
});

test('should say a field is required, naming its path, when it is missing', () => {
  const d = valid();
  delete d.investigation.reportedAt;
  delete d.people[0].role;
  delete d.events[1].method;
  delete d.events[0].id;
  assert.equal(problemAt(d, 'investigation.reportedAt'), 'is required');
  assert.equal(problemAt(d, 'people[0].role'), 'is required');
  assert.equal(problemAt(d, 'events[1].method'), 'is required');
  assert.equal(problemAt(d, 'events[0].id'), 'is required');
  const s = valid();
  s.events.push({ id: 'e5', at: '2026-03-12T10:00:00Z', type: 'sentence', offenceCategory: 'robbery' });
  assert.equal(problemAt(s, 'events[4].custodyMonths'), 'is required');
});

test('should name the duplicate when ids repeat in a list', () => {
  const d = valid();
  d.people.push({ id: 'v1', role: 'witness', kind: 'person' });
  d.events[2].id = 'e1';
  assert.equal(problemAt(d, 'people[1].id'), 'duplicate id "v1"');
  assert.equal(problemAt(d, 'events[2].id'), 'duplicate id "e1"');
});

test('should report several problems at once when a document has several', () => {
  const d = valid();
  d.format = 'victim-care/case-history@2';
  d.investigation.offences[0].category = 'arson';
  d.events[0].type = 'bogus';
  d.events[1].person = 'v9';
  const paths = problems(d)
    .map((p) => p.path)
    .sort();
  assert.deepEqual(paths, [
    'events[0].type',
    'events[1].person',
    'format',
    'investigation.offences[0].category',
  ]);
});
