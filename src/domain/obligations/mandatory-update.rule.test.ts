import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUSPECT_EVENT_TYPES } from '../case-history/case-history.types.js';
import {
  CaseBuilder,
  assertCarries,
  evaluateAt,
  obligationOf,
  obligationsOf,
} from '../../../test/support/case-builder.js';

const OB = 'OB-MANDATORY-UPDATE';
const AS_OF = '2026-06-30T12:00:00Z';

function due(offence: 'theft' | 'sexual', eventAt: string, type = 'suspect-arrested' as const): string {
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-01-05T10:00:00Z', offences: [offence] })
      .victim()
      .event('e1', eventAt, type),
    '2027-01-01T12:00:00Z',
  );
  return obligationOf(r, OB, 'v1', 'e1').dueDate;
}

test('should be due 5 working days after an arrest and carry its rule and source when the victim is not enhanced', () => {
  // Arrest Fri 2026-03-06 18:00Z → Mon 03-09 (1) … Fri 03-13 (5). Contact Mon 03-09 informs → met.
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .event('e2', '2026-03-06T18:00:00Z', 'suspect-arrested')
      .contact('e3', '2026-03-09T17:30:00Z', { informs: ['e2'] }),
    '2026-03-20T12:00:00Z',
  );
  const o = obligationOf(r, OB, 'v1', 'e2');
  assertCarries(o, OB, 'Code Right 6');
  assert.equal(o.dueDate, '2026-03-13');
  assert.equal(o.status, 'met');
  assert.equal(o.metBy, 'e3');
});

test('should be due 1 working day after the event when the victim is enhanced', () => {
  // Sexual offence → enhanced. Arrest Fri 2026-03-06 → Mon 2026-03-09.
  assert.equal(due('sexual', '2026-03-06T18:00:00Z'), '2026-03-09');
});

test('should treat a Saturday event as counting from the Monday when the arrest is on a Saturday', () => {
  // Sat 2026-03-07: enhanced → 1st working day Mon 03-09; not enhanced → Mon 03-09 (1) … Fri 03-13 (5).
  assert.equal(due('sexual', '2026-03-07T10:00:00Z'), '2026-03-09');
  assert.equal(due('theft', '2026-03-07T10:00:00Z'), '2026-03-13');
});

test('should count from the London date when the event is late in the evening in BST', () => {
  // 2026-06-10T23:30Z is Thu 2026-06-11 in London. Enhanced → Fri 06-12.
  // Not enhanced → Fri 06-12 (1), Mon 06-15 (2), Tue 06-16 (3), Wed 06-17 (4), Thu 06-18 (5).
  assert.equal(due('sexual', '2026-06-10T23:30:00Z'), '2026-06-12');
  assert.equal(due('theft', '2026-06-10T23:30:00Z'), '2026-06-18');
});

test('should skip Good Friday and Easter Monday when the charge is on the Thursday before Easter', () => {
  // Thu 2026-04-02: enhanced → Tue 04-07; not enhanced → 04-07 (1), 04-08, 04-09, 04-10, Mon 04-13 (5).
  assert.equal(due('sexual', '2026-04-02T10:00:00Z', 'suspect-charged' as 'suspect-arrested'), '2026-04-07');
  assert.equal(due('theft', '2026-04-02T10:00:00Z', 'suspect-charged' as 'suspect-arrested'), '2026-04-13');
});

test('should skip the substitute bank holidays at Christmas when the event is on Christmas Eve', () => {
  // Thu 2026-12-24 enhanced → [25, 28] → Tue 2026-12-29.
  assert.equal(due('sexual', '2026-12-24T10:00:00Z'), '2026-12-29');
  // Thu 2027-12-23 enhanced → Fri 2027-12-24 (a working day).
  // Fri 2027-12-24 enhanced → [27, 28 substitute days] → Wed 2027-12-29.
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2027-10-01T10:00:00Z', offences: ['sexual'] })
      .victim()
      .event('a', '2027-12-23T10:00:00Z', 'suspect-arrested')
      .event('b', '2027-12-24T10:00:00Z', 'suspect-bailed'),
    '2028-01-10T12:00:00Z',
  );
  assert.equal(obligationOf(r, OB, 'v1', 'a').dueDate, '2027-12-24');
  assert.equal(obligationOf(r, OB, 'v1', 'b').dueDate, '2027-12-29');
});

test('should be owed for every trigger the rulebook lists when each event happens', () => {
  const b = new CaseBuilder({ reportedAt: '2026-01-05T10:00:00Z' }).victim();
  const triggers = [...SUSPECT_EVENT_TYPES, 'suspect-charged'] as const;
  triggers.forEach((type, i) =>
    b.event(`t${i}`, `2026-02-${String(i + 2).padStart(2, '0')}T10:00:00Z`, type),
  );
  b.event('x1', '2026-02-20T10:00:00Z', 'vwcu-handover').event(
    'x2',
    '2026-02-21T10:00:00Z',
    'hearing-date-received',
  );
  const r = evaluateAt(b, AS_OF);
  assert.deepEqual(
    obligationsOf(r, OB, 'v1').map((o) => o.trigger),
    triggers.map((_, i) => `t${i}`),
  );
});

test('should not be discharged by a contact before the event or an unsuccessful one when they mention it', () => {
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .contact('c0', '2026-03-05T10:00:00Z', { informs: ['e1'] })
      .event('e1', '2026-03-06T10:00:00Z', 'suspect-arrested')
      .contact('c1', '2026-03-09T10:00:00Z', { informs: ['e1'], outcome: 'unsuccessful' }),
    '2026-03-20T12:00:00Z',
  );
  assert.equal(obligationOf(r, OB, 'v1', 'e1').status, 'overdue');
});

test('should be met for several events when one contact informs of them all', () => {
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .event('e1', '2026-03-06T10:00:00Z', 'suspect-arrested')
      .event('e2', '2026-03-06T14:00:00Z', 'suspect-interviewed')
      .event('e3', '2026-03-06T20:00:00Z', 'suspect-released-under-investigation')
      .contact('c1', '2026-03-10T10:00:00Z', { informs: ['e1', 'e2', 'e3'], method: 'email' }),
    '2026-03-20T12:00:00Z',
  );
  for (const id of ['e1', 'e2', 'e3']) assert.equal(obligationOf(r, OB, 'v1', id).status, 'met', id);
});

test('should be not-required when the event falls inside an opt-out and owed again after resumption', () => {
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .event('e0', '2026-03-03T09:00:00Z', 'suspect-arrested')
      .personal('d1', '2026-03-03T10:00:00Z', 'updates-declined')
      .event('e1', '2026-03-06T10:00:00Z', 'suspect-bailed')
      .personal('r1', '2026-03-10T10:00:00Z', 'updates-resumed')
      .event('e2', '2026-03-11T10:00:00Z', 'bail-conditions-changed'),
    '2026-03-30T12:00:00Z',
  );
  // e0 came before the opt-out: still owed (Tue 03-03 + 5 working days = Tue 03-10), and not discharged.
  assert.equal(obligationOf(r, OB, 'v1', 'e0').status, 'overdue');
  assert.equal(obligationOf(r, OB, 'v1', 'e1').status, 'not-required');
  // e2 after resumption: Wed 03-11 + 5 working days = Wed 03-18.
  const after = obligationOf(r, OB, 'v1', 'e2');
  assert.equal(after.dueDate, '2026-03-18');
  assert.equal(after.status, 'overdue');
});

test('should owe the prison-contact block update only to the person the request was for', () => {
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-01-05T10:00:00Z' })
      .victim('v1')
      .victim('v2')
      .personal('n1', '2026-03-02T10:00:00Z', 'non-contact-request-submitted')
      .personal('p1', '2026-03-04T10:00:00Z', 'prison-contact-block-in-place', { request: 'n1' }),
    AS_OF,
  );
  // Wed 2026-03-04 + 5 working days = Wed 03-11.
  assert.equal(obligationOf(r, OB, 'v1', 'p1').dueDate, '2026-03-11');
  assert.deepEqual(obligationsOf(r, OB, 'v2', 'p1'), []);
});

test('should use 1 working day when the victim is entitled to enhanced rights though not recorded as such', () => {
  // Born 2010-05-01, offence 2026-03-01 → aged 15 → vulnerable → enhanced. Arrest Fri 03-06 → Mon 03-09.
  const r = evaluateAt(
    new CaseBuilder({ offenceDate: '2026-03-01' })
      .victim('v1', { dateOfBirth: '2010-05-01', contract: { enhancedRecorded: false } })
      .event('e1', '2026-03-06T10:00:00Z', 'suspect-arrested'),
    '2026-03-20T12:00:00Z',
  );
  assert.equal(obligationOf(r, OB, 'v1', 'e1').dueDate, '2026-03-09');
});
