import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OffenceCategory } from '../case-history/case-history.types.js';
import { CaseBuilder, assertCarries, evaluateAt, personOf } from '../../../test/support/case-builder.js';

function deadline(opts: {
  offenceDate?: string | null;
  reportedAt?: string;
  dob?: string;
  offence?: OffenceCategory;
}): string | null {
  const b = new CaseBuilder({
    offences: [opts.offence ?? 'violence-with-injury'],
    offenceDate: opts.offenceDate ?? null,
    reportedAt: opts.reportedAt ?? '2026-03-02T10:00:00Z',
  }).victim('v1', { dateOfBirth: opts.dob ?? '1990-04-01' });
  return personOf(evaluateAt(b, '2026-03-20T12:00:00Z'), 'v1').cicaDeadline;
}

test('should be 2 years from the incident and carry EL-CICA with its source when an adult is a victim of violence', () => {
  // Offence 2026-03-01 + 2 years = 2028-03-01.
  assert.equal(deadline({ offenceDate: '2026-03-01' }), '2028-03-01');
  const p = personOf(
    evaluateAt(new CaseBuilder({ offences: ['robbery'] }).victim(), '2026-03-20T12:00:00Z'),
    'v1',
  );
  assertCarries(p.decisions.cicaDeadline, 'EL-CICA', 'Code Right 5');
});

test('should count from the report date when the offence date is unknown', () => {
  // Reported 2026-03-02 → 2028-03-02.
  assert.equal(deadline({}), '2028-03-02');
});

test('should be the day before the 20th birthday when the victim was under 18 and reported before 18', () => {
  // Born 2010-05-01; 15 at the offence 2026-03-01, reported 2026-03-02 → before 2030-05-01, i.e. 2030-04-30.
  assert.equal(deadline({ offenceDate: '2026-03-01', dob: '2010-05-01' }), '2030-04-30');
  // Born 2008-02-29 (leap day): 20th birthday 2028-02-29 → deadline 2028-02-28.
  assert.equal(
    deadline({ offenceDate: '2024-06-01', reportedAt: '2024-06-02T10:00:00Z', dob: '2008-02-29' }),
    '2028-02-28',
  );
});

test('should be 2 years from the report when the victim was under 18 at the incident but reported at 18 or over', () => {
  // Born 2006-05-01: 17 at the offence 2024-03-01, 19 at the report 2026-03-02 → 2028-03-02.
  assert.equal(deadline({ offenceDate: '2024-03-01', dob: '2006-05-01' }), '2028-03-02');
});

test('should be null when the offence is not violent or the victim is a business or a witness', () => {
  assert.equal(deadline({ offence: 'theft' }), null);
  const r = evaluateAt(
    new CaseBuilder({ offences: ['robbery'] }).business('b1', { namedContact: 'Pat' }).witness('w1'),
    '2026-03-20T12:00:00Z',
  );
  assert.equal(personOf(r, 'b1').cicaDeadline, null);
  assert.equal(personOf(r, 'w1').cicaDeadline, null);
});
