import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaseBuilder, assertCarries, evaluateAt, obligationsOf } from '../../../test/support/case-builder.js';

const OB = 'OB-INVESTIGATIVE-UPDATE';

function periods(b: CaseBuilder, asOf: string): [string, string][] {
  return obligationsOf(evaluateAt(b, asOf), OB, 'v1').map((o) => [o.dueDate, o.status]);
}

test('should be due 28 days after the first qualifying contact and carry its rule and source when no frequency is agreed', () => {
  // Initial contact Tue 2026-03-03 → 03-03 + 28 = 2026-03-31.
  const r = evaluateAt(
    new CaseBuilder().victim().contact('c1', '2026-03-03T10:00:00Z'),
    '2026-03-20T12:00:00Z',
  );
  const [o, ...rest] = obligationsOf(r, OB, 'v1');
  assert.equal(rest.length, 0);
  assertCarries(o!, OB, 'SOP 3.2.10');
  assert.equal(o!.trigger, null);
  assert.equal(o!.dueDate, '2026-03-31');
  assert.equal(o!.status, 'due');
});

test('should use the agreed frequency, capped at 28 days, when the victim contract sets one', () => {
  // 14 days: 03-03 + 14 = 03-17. 40 days is capped at 28: 03-31.
  const agreed = (days: number) =>
    new CaseBuilder()
      .victim('v1', { contract: { updateFrequencyDays: days } })
      .contact('c1', '2026-03-03T10:00:00Z');
  assert.deepEqual(periods(agreed(14), '2026-03-10T12:00:00Z'), [['2026-03-17', 'due']]);
  assert.deepEqual(periods(agreed(40), '2026-03-10T12:00:00Z'), [['2026-03-31', 'due']]);
});

test('should start each next period at the qualifying contact that met the last one', () => {
  // 03-03 → due 03-31, met on 03-25; next 03-25 + 28 = 04-22, overdue on 04-30.
  const b = new CaseBuilder()
    .victim()
    .contact('c1', '2026-03-03T10:00:00Z')
    .contact('c2', '2026-03-25T10:00:00Z', { purposes: ['investigative-update'] });
  assert.deepEqual(periods(b, '2026-04-30T12:00:00Z'), [
    ['2026-03-31', 'met'],
    ['2026-04-22', 'overdue'],
  ]);
});

test('should use London dates for the anchor when the contact is late in the evening around the clock changes', () => {
  // 2026-03-28T23:30Z is GMT → 03-28 + 28 = 04-25. 2026-10-24T23:30Z is BST → 10-25 + 28 = 11-22.
  assert.deepEqual(
    periods(new CaseBuilder().victim().contact('c1', '2026-03-28T23:30:00Z'), '2026-04-01T12:00:00Z'),
    [['2026-04-25', 'due']],
  );
  assert.deepEqual(
    periods(new CaseBuilder().victim().contact('c1', '2026-10-24T23:30:00Z'), '2026-11-01T12:00:00Z'),
    [['2026-11-22', 'due']],
  );
});

test('should not count a contact whose only purpose is other, or an unsuccessful one, when meeting a period', () => {
  const b = new CaseBuilder()
    .victim()
    .contact('c1', '2026-03-03T10:00:00Z')
    .contact('c2', '2026-03-20T10:00:00Z', { purposes: ['other'] })
    .contact('c3', '2026-03-21T10:00:00Z', { purposes: ['investigative-update'], outcome: 'unsuccessful' });
  assert.deepEqual(periods(b, '2026-04-01T12:00:00Z'), [['2026-03-31', 'overdue']]);
});

test('should start the clock at a successful email contact when its purpose qualifies', () => {
  const b = new CaseBuilder()
    .victim()
    .contact('c1', '2026-03-03T10:00:00Z', { method: 'email', purposes: ['investigative-update'] });
  assert.deepEqual(periods(b, '2026-03-10T12:00:00Z'), [['2026-03-31', 'due']]);
});

test('should owe nothing when no qualifying contact has been made', () => {
  assert.deepEqual(periods(new CaseBuilder().victim(), '2026-06-10T12:00:00Z'), []);
});

test('should be not-required when the period is due after the investigation closed', () => {
  // Due 03-31; charged 03-20 → closed 03-20 < 03-31.
  for (const closing of [
    'suspect-charged',
    'out-of-court-disposal',
    'suspect-released-nfa',
    'decision-not-to-charge',
    'decision-not-to-investigate',
    'investigation-filed',
  ] as const) {
    const b = new CaseBuilder()
      .victim()
      .contact('c1', '2026-03-03T10:00:00Z')
      .event('x', '2026-03-20T10:00:00Z', closing);
    assert.deepEqual(periods(b, '2026-04-10T12:00:00Z'), [['2026-03-31', 'not-required']], closing);
  }
});

test('should stay owed when the investigation closes on the due date itself or an event does not close it', () => {
  const onDue = new CaseBuilder()
    .victim()
    .contact('c1', '2026-03-03T10:00:00Z')
    .event('x', '2026-03-31T10:00:00Z', 'investigation-filed');
  assert.deepEqual(periods(onDue, '2026-04-10T12:00:00Z'), [['2026-03-31', 'overdue']]);
  const bailed = new CaseBuilder()
    .victim()
    .contact('c1', '2026-03-03T10:00:00Z')
    .event('x', '2026-03-20T10:00:00Z', 'suspect-bailed');
  assert.deepEqual(periods(bailed, '2026-04-10T12:00:00Z'), [['2026-03-31', 'overdue']]);
});

test('should be met-late when a period due before closing is met only after the investigation closed', () => {
  // Due 03-31, filed 04-05, contact 04-08 → met-late; next period 04-08 + 28 = 05-06 is after closing.
  const b = new CaseBuilder()
    .victim()
    .contact('c1', '2026-03-03T10:00:00Z')
    .event('x', '2026-04-05T10:00:00Z', 'investigation-filed')
    .contact('c2', '2026-04-08T10:00:00Z', { purposes: ['mandatory-update'], informs: ['x'] });
  assert.deepEqual(periods(b, '2026-05-20T12:00:00Z'), [
    ['2026-03-31', 'met-late'],
    ['2026-05-06', 'not-required'],
  ]);
});

test('should be not-required while the victim has opted out and restart from the resumption when updates resume', () => {
  // 03-03 → due 03-31, inside the opt-out (03-10 … 04-15) → not-required.
  // Next period runs from the resumption 04-15 → 05-13, met by 04-20; then 04-20 + 28 = 05-18.
  const b = new CaseBuilder()
    .victim()
    .contact('c1', '2026-03-03T10:00:00Z')
    .personal('d1', '2026-03-10T10:00:00Z', 'updates-declined')
    .personal('r1', '2026-04-15T10:00:00Z', 'updates-resumed')
    .contact('c2', '2026-04-20T10:00:00Z', { purposes: ['investigative-update'] });
  assert.deepEqual(periods(b, '2026-05-01T12:00:00Z'), [
    ['2026-03-31', 'not-required'],
    ['2026-05-13', 'met'],
    ['2026-05-18', 'due'],
  ]);
});

test('should stop owing periods when the opt-out stands', () => {
  const b = new CaseBuilder()
    .victim()
    .contact('c1', '2026-03-03T10:00:00Z')
    .personal('d1', '2026-03-10T10:00:00Z', 'updates-declined');
  assert.deepEqual(periods(b, '2026-06-01T12:00:00Z'), [['2026-03-31', 'not-required']]);
});

test('should be not-required for a period falling due inside an opt-out even when a contact was made during it', () => {
  // Rulebook §4: periods falling due while an opt-out stands are not-required, and resuming restarts the
  // clock: 03-31 not-required; next from the resumption 04-15 → 05-13.
  const b = new CaseBuilder()
    .victim()
    .contact('c1', '2026-03-03T10:00:00Z')
    .personal('d1', '2026-03-10T10:00:00Z', 'updates-declined')
    .contact('c2', '2026-03-20T10:00:00Z', { purposes: ['investigative-update'] })
    .personal('r1', '2026-04-15T10:00:00Z', 'updates-resumed');
  assert.deepEqual(periods(b, '2026-05-01T12:00:00Z'), [
    ['2026-03-31', 'not-required'],
    ['2026-05-13', 'due'],
  ]);
});

test('should stay met when the period was met before the opt-out began, even if it falls due inside it', () => {
  // 03-03 → due 03-31, met by c2 on 03-08 (before the opt-out of 03-10); the next period from c2,
  // 03-08 + 28 = 04-05, falls due inside the opt-out → not-required; then 04-15 (resumption) + 28 = 05-13.
  const b = new CaseBuilder()
    .victim()
    .contact('c1', '2026-03-03T10:00:00Z')
    .contact('c2', '2026-03-08T10:00:00Z', { purposes: ['investigative-update'] })
    .personal('d1', '2026-03-10T10:00:00Z', 'updates-declined')
    .personal('r1', '2026-04-15T10:00:00Z', 'updates-resumed');
  assert.deepEqual(periods(b, '2026-05-01T12:00:00Z'), [
    ['2026-03-31', 'met'],
    ['2026-04-05', 'not-required'],
    ['2026-05-13', 'due'],
  ]);
});
