import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaseBuilder, assertCarries, evaluateAt, obligationOf } from '../../../test/support/case-builder.js';

test('should be due 1 working day after the hearing date is received, skipping 2026-12-25 and the substitute 2026-12-28', () => {
  // Thu 2026-12-24 → Fri 25 Christmas, Mon 28 substitute Boxing Day → Tue 2026-12-29.
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-11-02T10:00:00Z' })
      .victim()
      .event('h1', '2026-12-24T10:00:00Z', 'hearing-date-received'),
    '2026-12-29T12:00:00Z',
  );
  const o = obligationOf(r, 'OB-HEARING-NOTICE', 'v1', 'h1');
  assertCarries(o, 'OB-HEARING-NOTICE', 'Code Right 8');
  assert.equal(o.owner, 'vwcu');
  assert.equal(o.dueDate, '2026-12-29');
  assert.equal(o.status, 'due');
});

test('should be met when a contact informs the victim of the hearing date', () => {
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .event('h1', '2026-03-10T10:00:00Z', 'hearing-date-received')
      .contact('c1', '2026-03-11T10:00:00Z', { informs: ['h1'], purposes: ['other'] }),
    '2026-03-20T12:00:00Z',
  );
  assert.equal(obligationOf(r, 'OB-HEARING-NOTICE', 'v1', 'h1').status, 'met');
});

test('should be due 1 working day after the outcome is received, skipping 2027-12-27 and 2027-12-28', () => {
  // Fri 2027-12-24 → Mon 27 and Tue 28 are substitute days → Wed 2027-12-29.
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2027-06-01T10:00:00Z' })
      .victim()
      .event('x1', '2027-12-24T10:00:00Z', 'outcome-received'),
    '2028-01-05T12:00:00Z',
  );
  const o = obligationOf(r, 'OB-OUTCOME-NOTICE', 'v1', 'x1');
  assertCarries(o, 'OB-OUTCOME-NOTICE', 'Code Right 9');
  assert.equal(o.dueDate, '2027-12-29');
  assert.equal(o.status, 'overdue');
});

test('should still be owed when the victim has opted out of updates', () => {
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .personal('d1', '2026-03-03T10:00:00Z', 'updates-declined')
      .event('h1', '2026-03-10T10:00:00Z', 'hearing-date-received')
      .event('x1', '2026-03-12T10:00:00Z', 'outcome-received'),
    '2026-03-20T12:00:00Z',
  );
  // 1 working day after Tue 03-10 is Wed 03-11; after Thu 03-12 is Fri 03-13: both past by 03-20.
  assert.equal(obligationOf(r, 'OB-HEARING-NOTICE', 'v1', 'h1').status, 'overdue');
  assert.equal(obligationOf(r, 'OB-OUTCOME-NOTICE', 'v1', 'x1').status, 'overdue');
});
