import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaseBuilder, assertCarries, evaluateAt, obligationOf } from '../../../test/support/case-builder.js';

const OB = 'OB-SUPPORT-REFERRAL';

function dueFor(reportedAt: string): string {
  return obligationOf(evaluateAt(new CaseBuilder({ reportedAt }).victim(), reportedAt), OB, 'v1').dueDate;
}

test('should be due 2 working days after the report and carry its rule and source when reported on a weekday', () => {
  // Mon 2026-03-02 → Tue 03-03 (1), Wed 03-04 (2).
  const o = obligationOf(evaluateAt(new CaseBuilder().victim(), '2026-03-02T12:00:00Z'), OB, 'v1');
  assertCarries(o, OB, 'Code Right 4');
  assert.equal(o.dueDate, '2026-03-04');
});

test('should skip Good Friday and Easter Monday when reported on the Thursday before Easter', () => {
  // Thu 2026-04-02 → Fri 04-03 Good Friday, Mon 04-06 Easter Monday → Tue 04-07 (1), Wed 04-08 (2).
  assert.equal(dueFor('2026-04-02T10:00:00Z'), '2026-04-08');
});

test('should start counting on the Monday when reported on a Saturday', () => {
  // Sat 2026-03-07 → Mon 03-09 (1), Tue 03-10 (2).
  assert.equal(dueFor('2026-03-07T10:00:00Z'), '2026-03-10');
});

test('should skip the substitute Boxing Day 2026-12-28 when reported on Christmas Eve 2026', () => {
  // Thu 2026-12-24 → Fri 25 (Christmas), Mon 28 (substitute Boxing Day) → Tue 29 (1), Wed 30 (2).
  assert.equal(dueFor('2026-12-24T10:00:00Z'), '2026-12-30');
});

test('should skip both substitute days 2027-12-27 and 2027-12-28 when reported on Christmas Eve 2027', () => {
  // Fri 2027-12-24 → Mon 27, Tue 28 substitute days → Wed 29 (1), Thu 30 (2).
  assert.equal(dueFor('2027-12-24T10:00:00Z'), '2027-12-30');
});

test('should skip one-off bank holidays when reported just before them', () => {
  // Wed 2022-06-01 → Thu 06-02 and Fri 06-03 (Platinum Jubilee) → Mon 06-06 (1), Tue 06-07 (2).
  assert.equal(dueFor('2022-06-01T10:00:00Z'), '2022-06-07');
  // Fri 2022-09-16 → Mon 09-19 (State Funeral) → Tue 09-20 (1), Wed 09-21 (2).
  assert.equal(dueFor('2022-09-16T10:00:00Z'), '2022-09-21');
  // Fri 2023-05-05 → Mon 05-08 (Coronation) → Tue 05-09 (1), Wed 05-10 (2).
  assert.equal(dueFor('2023-05-05T10:00:00Z'), '2023-05-10');
  // Thu 2020-05-07 → Fri 05-08 (VE Day, moved May bank holiday) → Mon 05-11 (1), Tue 05-12 (2).
  assert.equal(dueFor('2020-05-07T10:00:00Z'), '2020-05-12');
});

test('should count from the next London date when reported late in the evening in BST', () => {
  // 2026-06-10T23:30Z is Thu 2026-06-11 in London → Fri 06-12 (1), Mon 06-15 (2).
  assert.equal(dueFor('2026-06-10T23:30:00Z'), '2026-06-15');
});

test('should be met when the victim declined support within the deadline', () => {
  const r = evaluateAt(
    new CaseBuilder().victim().personal('d1', '2026-03-03T10:00:00Z', 'support-referral-declined'),
    '2026-03-10T12:00:00Z',
  );
  const o = obligationOf(r, OB, 'v1');
  assert.equal(o.status, 'met');
  assert.equal(o.metBy, 'd1');
});

test('should be met-late when a referral to any service is made after the deadline', () => {
  // Due Wed 2026-03-04; referral Thu 03-05.
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .personal('r1', '2026-03-05T10:00:00Z', 'support-referral', { service: 'other', consent: 'implied' }),
    '2026-03-10T12:00:00Z',
  );
  assert.equal(obligationOf(r, OB, 'v1').status, 'met-late');
});
