import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CaseBuilder,
  assertCarries,
  evaluateAt,
  obligationOf,
  obligationsOf,
} from '../../../test/support/case-builder.js';

const OB = 'OB-VWCU-HANDOVER';
const AS_OF = '2026-04-30T12:00:00Z';

test('should be due 1 working day after the charge, skipping Easter, when charged with a hearing date and a witness', () => {
  // Charge Thu 2026-04-02 → Fri 04-03 Good Friday, Mon 04-06 Easter Monday → Tue 04-07.
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .witness('w1')
      .event('ch1', '2026-04-02T15:00:00Z', 'suspect-charged', { firstHearingDate: '2026-04-20' }),
    AS_OF,
  );
  const o = obligationOf(r, OB, null, 'ch1');
  assertCarries(o, OB, 'SOP 3.3.1');
  assert.equal(o.person, null);
  assert.equal(o.dueDate, '2026-04-07');
  assert.equal(o.status, 'overdue');
});

test('should be due on the Monday when the charge is on a Saturday', () => {
  // Sat 2026-03-07 → Mon 03-09.
  const r = evaluateAt(
    new CaseBuilder({ anticipatedPlea: 'not-guilty' })
      .victim()
      .event('ch1', '2026-03-07T11:00:00Z', 'suspect-charged', { firstHearingDate: '2026-04-01' })
      .event('h1', '2026-03-09T09:00:00Z', 'vwcu-handover'),
    AS_OF,
  );
  const o = obligationOf(r, OB, null, 'ch1');
  assert.equal(o.dueDate, '2026-03-09');
  assert.equal(o.status, 'met');
});

test('should count a victim who made a statement as a civilian witness', () => {
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .personal('s1', '2026-03-05T10:00:00Z', 'statement')
      .event('ch1', '2026-03-10T10:00:00Z', 'suspect-charged', { firstHearingDate: '2026-04-01' }),
    AS_OF,
  );
  assert.equal(obligationsOf(r, OB).length, 1);
});

test('should not be owed when there is no civilian witness and no not-guilty plea is anticipated', () => {
  const r = evaluateAt(
    new CaseBuilder({ anticipatedPlea: 'guilty' })
      .victim()
      .event('ch1', '2026-03-10T10:00:00Z', 'suspect-charged', { firstHearingDate: '2026-04-01' }),
    AS_OF,
  );
  assert.deepEqual(obligationsOf(r, OB), []);
});

test('should not be owed when the charge has no first hearing date', () => {
  const r = evaluateAt(
    new CaseBuilder({ anticipatedPlea: 'not-guilty' })
      .victim()
      .witness()
      .event('ch1', '2026-03-10T10:00:00Z', 'suspect-charged'),
    AS_OF,
  );
  assert.deepEqual(obligationsOf(r, OB), []);
});

test('should not count a handover recorded before the charge', () => {
  const r = evaluateAt(
    new CaseBuilder({ anticipatedPlea: 'not-guilty' })
      .victim()
      .event('h1', '2026-03-09T09:00:00Z', 'vwcu-handover')
      .event('ch1', '2026-03-10T10:00:00Z', 'suspect-charged', { firstHearingDate: '2026-04-01' }),
    AS_OF,
  );
  assert.equal(obligationOf(r, OB, null, 'ch1').status, 'overdue');
});
