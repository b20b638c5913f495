import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaseBuilder, assertCarries, evaluateAt, personOf } from '../../../test/support/case-builder.js';

const consent = (b: CaseBuilder, id = 'v1') =>
  personOf(evaluateAt(b, '2026-03-20T12:00:00Z'), id).referralConsent;

test('should be implied and carry EL-REFERRAL-CONSENT with its source when the victim is in no explicit-consent group', () => {
  const p = personOf(
    evaluateAt(new CaseBuilder({ offences: ['burglary'] }).victim(), '2026-03-20T12:00:00Z'),
    'v1',
  );
  assert.equal(p.referralConsent, 'implied');
  assertCarries(p.decisions.referralConsent, 'EL-REFERRAL-CONSENT', 'Code Right 4');
});

test('should be explicit when the victim is of a sexual offence, domestic abuse, or a bereaved close relative', () => {
  assert.equal(consent(new CaseBuilder({ offences: ['sexual'] }).victim()), 'explicit');
  assert.equal(
    consent(
      new CaseBuilder({ offences: ['violence-without-injury'], flags: { domesticAbuse: true } }).victim(),
    ),
    'explicit',
  );
  assert.equal(
    consent(new CaseBuilder({ offences: ['homicide'] }).victim('v1', { bereavedCloseRelative: true })),
    'explicit',
  );
});

test('should be implied when the person is a witness, even in a sexual offence', () => {
  assert.equal(consent(new CaseBuilder({ offences: ['sexual'] }).victim().witness('w1'), 'w1'), 'implied');
});
