import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaseBuilder, assertCarries, evaluateAt, obligationOf } from '../../../test/support/case-builder.js';

const OB = 'OB-INITIAL-CONTACT';

test('should be due 5 calendar days after the report and carry its rule and source when a crime is reported', () => {
  // Reported Mon 2026-03-02 10:15Z (GMT, local 2026-03-02) → due 2026-03-02 + 5 = Sat 2026-03-07.
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-03-02T10:15:00Z' }).victim(),
    '2026-03-05T12:00:00Z',
  );
  const o = obligationOf(r, OB, 'v1', null);
  assertCarries(o, OB, 'SOP 3.2.2');
  assert.equal(o.dueDate, '2026-03-07');
  assert.equal(o.status, 'due');
  assert.equal(o.trigger, null);
});

test('should be overdue when the local date of asOf is after the due date and no contact succeeded', () => {
  // Due 2026-03-07 (as above); asOf 2026-03-07T23:59Z is still local 03-07 (GMT) → due; 03-08 → overdue.
  const b = new CaseBuilder({ reportedAt: '2026-03-02T10:15:00Z' }).victim();
  assert.equal(obligationOf(evaluateAt(b, '2026-03-07T23:59:00Z'), OB, 'v1').status, 'due');
  assert.equal(obligationOf(evaluateAt(b, '2026-03-08T00:00:00Z'), OB, 'v1').status, 'overdue');
});

test('should use the London date of the report when it is made late in the evening in BST', () => {
  // 2026-06-10T23:30Z is 00:30 BST on 2026-06-11 → due 2026-06-16.
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-06-10T23:30:00Z' }).victim(),
    '2026-06-12T12:00:00Z',
  );
  assert.equal(obligationOf(r, OB, 'v1').dueDate, '2026-06-16');
});

test('should count from the London date across the spring clock change when reported around 2026-03-29', () => {
  // BST starts 2026-03-29 01:00Z. 2026-03-28T23:30Z is still GMT → local 03-28 → due 04-02.
  // 2026-03-29T23:30Z is BST → local 03-30 00:30 → due 04-04.
  const before = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-03-28T23:30:00Z' }).victim(),
    '2026-03-30T12:00:00Z',
  );
  assert.equal(obligationOf(before, OB, 'v1').dueDate, '2026-04-02');
  const after = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-03-29T23:30:00Z' }).victim(),
    '2026-03-31T12:00:00Z',
  );
  assert.equal(obligationOf(after, OB, 'v1').dueDate, '2026-04-04');
});

test('should count from the London date across the autumn clock change when reported around 2026-10-25', () => {
  // BST ends 2026-10-25 01:00Z. 2026-10-24T23:30Z is BST → local 10-25 00:30 → due 10-30.
  // 2026-10-25T23:30Z is GMT → local 10-25 23:30 → due 10-30 as well.
  for (const at of ['2026-10-24T23:30:00Z', '2026-10-25T23:30:00Z']) {
    const r = evaluateAt(new CaseBuilder({ reportedAt: at }).victim(), '2026-10-26T12:00:00Z');
    assert.equal(obligationOf(r, OB, 'v1').dueDate, '2026-10-30', at);
  }
});

test('should be met when a successful phone contact is made late on the due date in London time', () => {
  // Report 2026-06-01 → due 06-06. 2026-06-06T22:30Z is 23:30 BST on 06-06: on time (due date inclusive).
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-06-01T09:00:00Z' }).victim().contact('c1', '2026-06-06T22:30:00Z'),
    '2026-06-10T12:00:00Z',
  );
  const o = obligationOf(r, OB, 'v1');
  assert.equal(o.status, 'met');
  assert.equal(o.metAt, '2026-06-06T22:30:00.000Z');
});

test('should be met-late when the contact is after midnight London time after the due date', () => {
  // 2026-06-06T23:30Z is 00:30 BST on 06-07, the day after the due date 06-06.
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-06-01T09:00:00Z' }).victim().contact('c1', '2026-06-06T23:30:00Z'),
    '2026-06-10T12:00:00Z',
  );
  assert.equal(obligationOf(r, OB, 'v1').status, 'met-late');
});

test('should not be discharged when the only contact was unsuccessful', () => {
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-03-02T10:15:00Z' })
      .victim()
      .contact('c1', '2026-03-03T10:00:00Z', { outcome: 'unsuccessful' }),
    '2026-03-10T12:00:00Z',
  );
  assert.equal(obligationOf(r, OB, 'v1').status, 'overdue');
});

test('should be discharged by a successful contact of any purpose when the method is phone, in person or video', () => {
  for (const method of ['phone', 'in-person', 'video'] as const) {
    const r = evaluateAt(
      new CaseBuilder({ reportedAt: '2026-03-02T10:15:00Z' })
        .victim()
        .contact('c1', '2026-03-03T10:00:00Z', { method, purposes: ['other'] }),
      '2026-03-10T12:00:00Z',
    );
    assert.equal(obligationOf(r, OB, 'v1').status, 'met', method);
  }
});

test('should not be discharged by email, text or letter when that is not the preferred method', () => {
  for (const method of ['email', 'text', 'letter'] as const) {
    const r = evaluateAt(
      new CaseBuilder({ reportedAt: '2026-03-02T10:15:00Z' })
        .victim('v1', { contract: { preferredMethod: 'phone' } })
        .contact('c1', '2026-03-03T10:00:00Z', { method }),
      '2026-03-10T12:00:00Z',
    );
    assert.equal(obligationOf(r, OB, 'v1').status, 'overdue', method);
  }
});

test('should be discharged by email when email is the recorded preferred method', () => {
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-03-02T10:15:00Z' })
      .victim('v1', { contract: { preferredMethod: 'email' } })
      .contact('c1', '2026-03-03T10:00:00Z', { method: 'email' }),
    '2026-03-10T12:00:00Z',
  );
  assert.equal(obligationOf(r, OB, 'v1').status, 'met');
});
