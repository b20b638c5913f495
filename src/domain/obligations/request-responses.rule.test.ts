import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaseBuilder, assertCarries, evaluateAt, obligationOf } from '../../../test/support/case-builder.js';

const AS_OF = '2026-06-30T12:00:00Z';

test('should be due 10 working days after a complaint, skipping Easter, when a complaint is received', () => {
  // Mon 2026-03-30: 03-31 (1), 04-01 (2), 04-02 (3), [04-03 Good Friday, 04-06 Easter Monday], 04-07 (4),
  // 04-08 (5), 04-09 (6), 04-10 (7), 04-13 (8), 04-14 (9), 04-15 (10).
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .personal('q1', '2026-03-30T10:00:00Z', 'complaint-received')
      .personal('a1', '2026-04-15T16:00:00Z', 'complaint-responded', { complaint: 'q1' }),
    AS_OF,
  );
  const o = obligationOf(r, 'OB-COMPLAINT-RESPONSE', 'v1', 'q1');
  assertCarries(o, 'OB-COMPLAINT-RESPONSE', 'Code Right 12');
  assert.equal(o.dueDate, '2026-04-15');
  assert.equal(o.status, 'met');
});

test('should give 10 working days to acknowledge and 30 to decide when a review is requested', () => {
  // Ack: as the complaint above → 2026-04-15. Decision: 04-16 (11), 04-17 (12), 04-20..24 (13-17),
  // 04-27..05-01 (18-22), [05-04 Early May bank holiday], 05-05..05-08 (23-26), 05-11..05-14 (27-30).
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .personal('q1', '2026-03-30T10:00:00Z', 'vrr-requested')
      .personal('k1', '2026-04-16T10:00:00Z', 'vrr-acknowledged', { request: 'q1' }),
    AS_OF,
  );
  const ack = obligationOf(r, 'OB-VRR-ACK', 'v1', 'q1');
  assertCarries(ack, 'OB-VRR-ACK', "Victims' Right to Review");
  assert.equal(ack.dueDate, '2026-04-15');
  assert.equal(ack.status, 'met-late');
  const decision = obligationOf(r, 'OB-VRR-DECISION', 'v1', 'q1');
  assertCarries(decision, 'OB-VRR-DECISION', "Victims' Right to Review");
  assert.equal(decision.dueDate, '2026-05-14');
  assert.equal(decision.status, 'overdue');
});

test('should chase the prison contact block 2 working days after the request, skipping Christmas 2026', () => {
  // Thu 2026-12-24 → [25, 28 bank holidays] → Tue 12-29 (1), Wed 12-30 (2).
  const r = evaluateAt(
    new CaseBuilder({ reportedAt: '2026-06-01T10:00:00Z' })
      .victim()
      .personal('n1', '2026-12-24T10:00:00Z', 'non-contact-request-submitted')
      .personal('p1', '2026-12-30T10:00:00Z', 'prison-contact-block-in-place', { request: 'n1' }),
    '2027-01-10T12:00:00Z',
  );
  const o = obligationOf(r, 'OB-PRISON-BLOCK', 'v1', 'n1');
  assertCarries(o, 'OB-PRISON-BLOCK', 'SOP 3.2.17');
  assert.equal(o.owner, 'hmpps');
  assert.equal(o.dueDate, '2026-12-30');
  assert.equal(o.status, 'met');
});
