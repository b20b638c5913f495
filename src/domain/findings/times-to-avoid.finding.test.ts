import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TimeWindow } from '../case-history/case-history.types.js';
import { CaseBuilder, assertCarries, evaluateAt, findingsOf } from '../../../test/support/case-builder.js';

const F = 'F-TIMES-TO-AVOID';
const WORKING_HOURS: TimeWindow = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' };
function inside(window: TimeWindow, at: string): boolean {
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-03-01T10:00:00Z' })
      .victim('v1', { contract: { timesToAvoid: [window] } })
      .contact('c1', at, { purposes: ['investigative-update'] }),
    '2026-12-31T12:00:00Z',
  );
  return findingsOf(r, F, 'v1').length > 0;
}

test('should be raised with its rule and source when a contact is at the start of a window', () => {
  // Mon 2026-03-02 09:00Z = 09:00 GMT.
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-03-01T10:00:00Z' })
      .victim('v1', { contract: { timesToAvoid: [WORKING_HOURS] } })
      .contact('c1', '2026-03-02T09:00:00Z', { purposes: ['investigative-update'] }),
    '2026-03-10T12:00:00Z',
  );
  const [f] = findingsOf(r, F, 'v1');
  assertCarries(f!, F, 'SOP 3.2.10');
  assert.equal(f!.rule, 'OB-INVESTIGATIVE-UPDATE');
  assert.equal(f!.event, 'c1');
});

test('should include the start and exclude the end of a window when the contact is at its edges', () => {
  assert.equal(inside(WORKING_HOURS, '2026-03-02T16:59:00Z'), true);
  assert.equal(inside(WORKING_HOURS, '2026-03-02T17:00:00Z'), false);
  assert.equal(inside(WORKING_HOURS, '2026-03-02T08:59:00Z'), false);
  // Saturday 2026-03-07 is not a listed day.
  assert.equal(inside(WORKING_HOURS, '2026-03-07T10:00:00Z'), false);
});

test('should compare London wall-clock time in BST when the contact is in summer', () => {
  // Thu 2026-06-11: 08:00Z = 09:00 BST (inside); 16:00Z = 17:00 BST (outside).
  assert.equal(inside(WORKING_HOURS, '2026-06-11T08:00:00Z'), true);
  assert.equal(inside(WORKING_HOURS, '2026-06-11T16:00:00Z'), false);
  // 2026-06-10T23:30Z is Thursday 00:30 in London.
  assert.equal(inside({ days: ['thu'], from: '00:00', to: '01:00' }, '2026-06-10T23:30:00Z'), true);
  assert.equal(inside({ days: ['wed'], from: '23:00', to: '23:59' }, '2026-06-10T23:30:00Z'), false);
});

test('should cover the evening of a listed day and the next morning when the window runs past midnight', () => {
  const night: TimeWindow = { days: ['mon'], from: '22:00', to: '07:00' };
  assert.equal(inside(night, '2026-03-02T22:00:00Z'), true); // Mon 22:00
  assert.equal(inside(night, '2026-03-03T06:59:00Z'), true); // Tue 06:59, after Monday night
  assert.equal(inside(night, '2026-03-03T07:00:00Z'), false); // Tue 07:00, end excluded
  assert.equal(inside(night, '2026-03-03T22:30:00Z'), false); // Tue evening: Tuesday not listed
  assert.equal(inside(night, '2026-03-02T06:00:00Z'), false); // Mon morning belongs to Sunday night
});
