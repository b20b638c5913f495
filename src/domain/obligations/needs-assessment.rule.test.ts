import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaseBuilder, assertCarries, evaluateAt, obligationOf } from '../../../test/support/case-builder.js';

const OB = 'OB-NEEDS-ASSESSMENT';

test('should be due 5 calendar days after the report (Kent policy default) when a crime is reported', () => {
  // Mon 2026-03-02 + 5 = 2026-03-07.
  const o = obligationOf(evaluateAt(new CaseBuilder().victim(), '2026-03-03T12:00:00Z'), OB, 'v1');
  assertCarries(o, OB, 'SOP 3.2.3');
  assert.equal(o.dueDate, '2026-03-07');
  assert.equal(o.status, 'due');
});

test('should be met when a matching needs assessment is completed by the due date', () => {
  const r = evaluateAt(
    new CaseBuilder()
      .victim('v1', { name: 'Alex Smith' })
      .personal('a1', '2026-03-04T10:00:00Z', 'needs-assessment', {
        urn: '46/1234/26',
        personName: 'ALEX   smith',
      }),
    '2026-03-10T12:00:00Z',
  );
  assert.equal(obligationOf(r, OB, 'v1').status, 'met');
});

test('should not be discharged when the form names another URN', () => {
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .personal('a1', '2026-03-04T10:00:00Z', 'needs-assessment', { urn: '46/9999/26' }),
    '2026-03-10T12:00:00Z',
  );
  assert.equal(obligationOf(r, OB, 'v1').status, 'overdue');
});

test('should be met-late by a later matching form when the first form did not match', () => {
  const r = evaluateAt(
    new CaseBuilder()
      .victim('v1', { dateOfBirth: '1990-04-01' })
      .personal('a1', '2026-03-04T10:00:00Z', 'needs-assessment', {
        urn: '46/1234/26',
        dateOfBirth: '1990-04-02',
      })
      .personal('a2', '2026-03-09T10:00:00Z', 'needs-assessment', {
        urn: '46/1234/26',
        dateOfBirth: '1990-04-01',
      }),
    '2026-03-10T12:00:00Z',
  );
  const o = obligationOf(r, OB, 'v1');
  assert.equal(o.status, 'met-late');
  assert.equal(o.metBy, 'a2');
});
