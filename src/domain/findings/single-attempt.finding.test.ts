import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaseBuilder, assertCarries, evaluateAt, findingsOf } from '../../../test/support/case-builder.js';

const F = 'F-SINGLE-ATTEMPT';
// Reported Mon 2026-03-02 → initial contact due Sat 2026-03-07.

test('should be raised with its rule and source when the due date has passed with no attempt at all', () => {
  const r = evaluateAt(new CaseBuilder().victim(), '2026-03-08T00:00:00Z');
  const [f, ...rest] = findingsOf(r, F, 'v1');
  assert.equal(rest.length, 0);
  assertCarries(f!, F, 'SOP 3.2.2');
  assert.equal(f!.rule, 'OB-INITIAL-CONTACT');
});

test('should not be raised when the due date has not yet passed', () => {
  assert.deepEqual(findingsOf(evaluateAt(new CaseBuilder().victim(), '2026-03-07T23:59:00Z'), F), []);
});

test('should be raised when a single unsuccessful attempt was made by the due date', () => {
  const r = evaluateAt(
    new CaseBuilder().victim().contact('c1', '2026-03-03T10:00:00Z', { outcome: 'unsuccessful' }),
    '2026-03-10T12:00:00Z',
  );
  assert.equal(findingsOf(r, F, 'v1').length, 1);
});

test('should not be raised when two attempts of any purpose, outcome or method were made by the due date', () => {
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .contact('c1', '2026-03-03T10:00:00Z', { outcome: 'unsuccessful' })
      .contact('c2', '2026-03-07T20:00:00Z', {
        outcome: 'unsuccessful',
        method: 'email',
        purposes: ['other'],
      }),
    '2026-03-10T12:00:00Z',
  );
  assert.deepEqual(findingsOf(r, F), []);
});

test('should count attempts only up to the end of the due date in London time', () => {
  // Reported 2026-06-01 → due 06-06. 2026-06-06T23:30Z is 00:30 BST on 06-07: too late to count.
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-06-01T09:00:00Z' })
      .victim()
      .contact('c1', '2026-06-02T10:00:00Z', { outcome: 'unsuccessful' })
      .contact('c2', '2026-06-06T23:30:00Z', { outcome: 'unsuccessful' }),
    '2026-06-10T12:00:00Z',
  );
  assert.equal(findingsOf(r, F, 'v1').length, 1);
});

test('should be raised when contact was achieved only late after a single attempt, and not when met on time', () => {
  const late = evaluateAt(
    new CaseBuilder()
      .victim()
      .contact('c1', '2026-03-03T10:00:00Z', { outcome: 'unsuccessful' })
      .contact('c2', '2026-03-09T10:00:00Z'),
    '2026-03-10T12:00:00Z',
  );
  assert.equal(findingsOf(late, F, 'v1').length, 1);
  const onTime = evaluateAt(
    new CaseBuilder().victim().contact('c1', '2026-03-03T10:00:00Z'),
    '2026-03-10T12:00:00Z',
  );
  assert.deepEqual(findingsOf(onTime, F), []);
});
