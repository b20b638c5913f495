import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OffenceCategory } from '../case-history/case-history.types.js';
import { CaseBuilder, assertCarries, evaluateAt, personOf } from '../../../test/support/case-builder.js';

function eligible(
  category: OffenceCategory,
  custodyMonths: number,
  hospitalOrder = false,
  asOf = '2026-07-01T12:00:00Z',
): boolean {
  const b = new CaseBuilder({ reportedAt: '2026-01-05T10:00:00Z', offences: [category] })
    .victim()
    .event('sn', '2026-06-10T10:00:00Z', 'sentence', {
      custodyMonths,
      hospitalOrder,
      offenceCategory: category,
    });
  return personOf(evaluateAt(b, asOf), 'v1').vcsEligible;
}

test('should be eligible and carry EL-VCS with its source when sentenced to 12 months for a violent offence', () => {
  assert.equal(eligible('violence-with-injury', 12), true);
  const b = new CaseBuilder({ offences: ['robbery'] }).victim();
  assertCarries(
    personOf(evaluateAt(b, '2026-03-20T12:00:00Z'), 'v1').decisions.vcsEligible,
    'EL-VCS',
    'SOP 3.3.4',
  );
});

test('should be eligible when sentenced to 12 months or more for a sexual offence', () => {
  assert.equal(eligible('sexual', 36), true);
});

test('should not be eligible when the custody is under 12 months or the offence is neither violent nor sexual', () => {
  assert.equal(eligible('violence-with-injury', 11), false);
  assert.equal(eligible('burglary', 48), false);
});

test('should be eligible when a hospital order is made for a violent offence whatever the custody', () => {
  assert.equal(eligible('stalking-harassment', 0, true), true);
  assert.equal(eligible('theft', 0, true), false);
});

test('should not be eligible when the sentence is after asOf or the person is only a witness', () => {
  assert.equal(eligible('violence-with-injury', 24, false, '2026-06-09T12:00:00Z'), false);
  const b = new CaseBuilder({ offences: ['robbery'] })
    .victim()
    .witness('w1')
    .event('sn', '2026-03-10T10:00:00Z', 'sentence', { custodyMonths: 24, offenceCategory: 'robbery' });
  assert.equal(personOf(evaluateAt(b, '2026-03-20T12:00:00Z'), 'w1').vcsEligible, false);
});
