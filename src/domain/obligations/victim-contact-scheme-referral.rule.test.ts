import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CaseBuilder,
  assertCarries,
  evaluateAt,
  obligationOf,
  obligationsOf,
} from '../../../test/support/case-builder.js';

const OB = 'OB-VCS-REFERRAL';

test('should be due 20 working days after a qualifying sentence when the victim is VCS eligible', () => {
  // Wed 2026-06-10: 06-11 (1), 06-12 (2), 06-15..19 (3-7), 06-22..26 (8-12), 06-29, 06-30 (13, 14),
  // 07-01..03 (15-17), 07-06..08 (18-20) → 2026-07-08 (no bank holiday in between).
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-01-05T10:00:00Z', offences: ['violence-with-injury'] })
      .victim()
      .event('sn', '2026-06-10T10:00:00Z', 'sentence', {
        custodyMonths: 24,
        offenceCategory: 'violence-with-injury',
      }),
    '2026-07-01T12:00:00Z',
  );
  const o = obligationOf(r, OB, 'v1', 'sn');
  assertCarries(o, OB, 'Code Right 11');
  assert.equal(o.owner, 'vwcu');
  assert.equal(o.dueDate, '2026-07-08');
  assert.equal(o.status, 'due');
});

test('should be met by a vcs-referral event', () => {
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-01-05T10:00:00Z', offences: ['sexual'] })
      .victim()
      .event('sn', '2026-06-10T10:00:00Z', 'sentence', { custodyMonths: 12, offenceCategory: 'sexual' })
      .personal('vr', '2026-06-20T10:00:00Z', 'vcs-referral'),
    '2026-07-01T12:00:00Z',
  );
  assert.equal(obligationOf(r, OB, 'v1', 'sn').status, 'met');
});

test('should not be owed when the sentence does not make the victim eligible', () => {
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-01-05T10:00:00Z', offences: ['violence-with-injury'] })
      .victim()
      .event('sn', '2026-06-10T10:00:00Z', 'sentence', {
        custodyMonths: 11,
        offenceCategory: 'violence-with-injury',
      }),
    '2026-07-01T12:00:00Z',
  );
  assert.deepEqual(obligationsOf(r, OB), []);
});
