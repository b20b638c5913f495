import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OffenceCategory, PersonFacts } from '../case-history/case-history.types.js';
import { CaseBuilder, assertCarries, evaluateAt, personOf } from '../../../test/support/case-builder.js';

const compellable = (b: CaseBuilder, id: string) =>
  personOf(evaluateAt(b, '2026-05-20T12:00:00Z'), id).compellable;
const spouseVictim = (offences: OffenceCategory[], rel: PersonFacts['relationshipToSuspect'] = 'spouse') =>
  new CaseBuilder({ offences }).victim('v1', { relationshipToSuspect: rel });

test('should be compellable and carry EL-COMPELLABILITY with its source when not related to the accused', () => {
  const p = personOf(evaluateAt(new CaseBuilder().witness('w1'), '2026-03-20T12:00:00Z'), 'w1');
  assert.equal(p.compellable, true);
  assertCarries(p.decisions.compellable, 'EL-COMPELLABILITY', 's.80');
});

test('should be compellable when the spouse or civil partner is the victim of an assault or injury', () => {
  assert.equal(compellable(spouseVictim(['violence-with-injury'], 'spouse'), 'v1'), true);
  assert.equal(compellable(spouseVictim(['violence-without-injury'], 'civil-partner'), 'v1'), true);
  assert.equal(compellable(spouseVictim(['sexual'], 'spouse'), 'v1'), true);
});

test('should not be compellable when the spouse is a witness to an assault on another adult', () => {
  const b = new CaseBuilder({ offences: ['violence-with-injury'] })
    .victim('v1')
    .witness('w1', { relationshipToSuspect: 'spouse' });
  assert.equal(compellable(b, 'w1'), false);
});

test('should not be compellable when the offence against the spouse is only a threat to damage property', () => {
  assert.equal(compellable(spouseVictim(['threat-to-damage-property']), 'v1'), false);
  assert.equal(compellable(spouseVictim(['criminal-damage'], 'civil-partner'), 'v1'), false);
});

test('should be compellable when a former spouse or former civil partner gives evidence', () => {
  assert.equal(compellable(spouseVictim(['theft'], 'former-spouse'), 'v1'), true);
  const b = new CaseBuilder({ offences: ['burglary'] })
    .victim()
    .witness('w1', { relationshipToSuspect: 'former-civil-partner' });
  assert.equal(compellable(b, 'w1'), true);
});

test('should be compellable when the offence involves injury to a child then under 16', () => {
  // Child born 2010-03-15: 15 on the offence date 2026-03-01, 16 by the report 2026-04-01.
  const b = (offenceDate: string | null, category: OffenceCategory = 'violence-with-injury') =>
    new CaseBuilder({ offences: [category], offenceDate, reportedAt: '2026-04-01T10:00:00Z' })
      .victim('c1', { dateOfBirth: '2010-03-15' })
      .witness('w1', { relationshipToSuspect: 'spouse' });
  assert.equal(compellable(b('2026-03-01'), 'w1'), true);
  assert.equal(compellable(b('2026-03-01', 'sexual'), 'w1'), true);
  // Offence date unknown → the report date: the child is 16 then → not compellable.
  assert.equal(compellable(b(null), 'w1'), false);
  // Not violent nor sexual → not compellable even for a child victim.
  assert.equal(compellable(b('2026-03-01', 'theft'), 'w1'), false);
});
