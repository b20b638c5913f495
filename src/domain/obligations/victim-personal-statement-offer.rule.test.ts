import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CaseBuilder,
  assertCarries,
  evaluateAt,
  obligationOf,
  obligationsOf,
} from '../../../test/support/case-builder.js';

const OB = 'OB-VPS-OFFER';
const AS_OF = '2026-04-30T12:00:00Z';

test('should be due on the local date of the first statement and carry its rule and source when a victim makes a statement', () => {
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .personal('s1', '2026-03-10T10:00:00Z', 'statement')
      .personal('o1', '2026-03-10T15:00:00Z', 'vps-offered', { accepted: false }),
    AS_OF,
  );
  const o = obligationOf(r, OB, 'v1', 's1');
  assertCarries(o, OB, 'Code Right 7');
  assert.equal(o.dueDate, '2026-03-10');
  assert.equal(o.status, 'met');
});

test('should use the London date when the statement is taken late in the evening in BST', () => {
  // 2026-06-10T23:30Z is 2026-06-11 in London.
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-06-01T10:00:00Z' })
      .victim()
      .personal('s1', '2026-06-10T23:30:00Z', 'statement'),
    '2026-06-11T12:00:00Z',
  );
  const o = obligationOf(r, OB, 'v1', 's1');
  assert.equal(o.dueDate, '2026-06-11');
  assert.equal(o.status, 'due');
});

test('should be met when the offer was made before the statement', () => {
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .personal('o1', '2026-03-05T10:00:00Z', 'vps-offered', { accepted: true })
      .personal('s1', '2026-03-10T10:00:00Z', 'statement'),
    AS_OF,
  );
  assert.equal(obligationOf(r, OB, 'v1', 's1').status, 'met');
});

test('should be met-late when the offer comes the day after the statement and overdue when none is made', () => {
  const late = evaluateAt(
    new CaseBuilder()
      .victim()
      .personal('s1', '2026-03-10T10:00:00Z', 'statement')
      .personal('o1', '2026-03-11T10:00:00Z', 'vps-offered'),
    AS_OF,
  );
  assert.equal(obligationOf(late, OB, 'v1', 's1').status, 'met-late');
  const none = evaluateAt(
    new CaseBuilder().victim().personal('s1', '2026-03-10T10:00:00Z', 'statement'),
    AS_OF,
  );
  assert.equal(obligationOf(none, OB, 'v1', 's1').status, 'overdue');
});

test('should be triggered by the first statement only when the victim makes several', () => {
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .personal('s1', '2026-03-10T10:00:00Z', 'statement')
      .personal('s2', '2026-03-20T10:00:00Z', 'statement'),
    AS_OF,
  );
  assert.deepEqual(
    obligationsOf(r, OB, 'v1').map((o) => o.trigger),
    ['s1'],
  );
});

test('should also be owed at the charge when the victim is enhanced', () => {
  // Sexual offence → enhanced (most serious crime); charge on 2026-03-20 → due 2026-03-20.
  const r = evaluateAt(
    new CaseBuilder({ offences: ['sexual'] })
      .victim()
      .personal('s1', '2026-03-10T10:00:00Z', 'statement')
      .event('ch1', '2026-03-20T10:00:00Z', 'suspect-charged'),
    AS_OF,
  );
  const o = obligationOf(r, OB, 'v1', 'ch1');
  assert.equal(o.dueDate, '2026-03-20');
  assert.equal(o.status, 'overdue');
});

test('should not be owed at the charge when the victim is not enhanced', () => {
  const r = evaluateAt(
    new CaseBuilder({ offences: ['theft'] }).victim().event('ch1', '2026-03-20T10:00:00Z', 'suspect-charged'),
    AS_OF,
  );
  assert.deepEqual(obligationsOf(r, OB, 'v1'), []);
});

test('should offer an Impact Statement for Business when a business with a named contact makes a statement', () => {
  const r = evaluateAt(
    new CaseBuilder({ offences: ['burglary'] })
      .business('b1', { namedContact: 'Pat Jones, manager' })
      .personal('s1', '2026-03-10T10:00:00Z', 'statement', { person: 'b1' }),
    AS_OF,
  );
  const o = obligationOf(r, OB, 'b1', 's1');
  assert.match(o.title, /Impact Statement for Business/);
});

test('should not be owed when the victim is a public-sector body', () => {
  const r = evaluateAt(
    new CaseBuilder({ offences: ['criminal-damage'] })
      .business('b1', { namedContact: 'Facilities officer', publicSector: true })
      .personal('s1', '2026-03-10T10:00:00Z', 'statement', { person: 'b1' }),
    AS_OF,
  );
  assert.deepEqual(obligationsOf(r, OB, 'b1'), []);
});
