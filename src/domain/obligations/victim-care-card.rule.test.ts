import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaseBuilder, assertCarries, evaluateAt, obligationOf } from '../../../test/support/case-builder.js';

const OB = 'OB-VICTIM-CARE-CARD';

test('should be due 5 calendar days after the report and owned by the IMU when a crime is reported', () => {
  // Local report date 2026-06-11 (23:30Z on 06-10 is BST 00:30) + 5 = 2026-06-16.
  const o = obligationOf(
    evaluateAt(new CaseBuilder({ reportedAt: '2026-06-10T23:30:00Z' }).victim(), '2026-06-12T12:00:00Z'),
    OB,
    'v1',
  );
  assertCarries(o, OB, 'SOP 3.2.4');
  assert.equal(o.owner, 'imu');
  assert.equal(o.dueDate, '2026-06-16');
});

test('should be met when the card is given and recorded by the due date', () => {
  const r = evaluateAt(
    new CaseBuilder().victim().personal('k1', '2026-03-07T22:00:00Z', 'victim-care-card'),
    '2026-03-10T12:00:00Z',
  );
  assert.equal(obligationOf(r, OB, 'v1').status, 'met');
});

test('should be overdue when no card is recorded after the due date', () => {
  assert.equal(
    obligationOf(evaluateAt(new CaseBuilder().victim(), '2026-03-08T00:00:00Z'), OB, 'v1').status,
    'overdue',
  );
});
