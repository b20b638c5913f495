import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CaseBuilder,
  evaluateAt,
  findingsOf,
  obligationsOf,
  personOf,
} from '../../test/support/case-builder.js';

test('should ignore events after asOf when evaluating', () => {
  const b = new CaseBuilder()
    .victim()
    .event('e1', '2026-03-10T10:00:00Z', 'suspect-arrested')
    .contact('c1', '2026-03-04T10:00:00Z');
  assert.deepEqual(obligationsOf(evaluateAt(b, '2026-03-09T12:00:00Z'), 'OB-MANDATORY-UPDATE'), []);
  assert.equal(obligationsOf(evaluateAt(b, '2026-03-10T10:00:00Z'), 'OB-MANDATORY-UPDATE').length, 1);
  // asOf before the contact: initial contact not yet met.
  assert.equal(obligationsOf(evaluateAt(b, '2026-03-03T12:00:00Z'), 'OB-INITIAL-CONTACT')[0]!.status, 'due');
});

test('should return the pack id and the canonical asOf when evaluating', () => {
  const r = evaluateAt(new CaseBuilder().victim(), '2026-03-20T13:00:00+01:00');
  assert.equal(r.rulePack, 'victims-code-2020+kent-n15a');
  assert.equal(r.asOf, '2026-03-20T12:00:00.000Z');
});

test('should owe witnesses nothing and give them implied referral consent when they are not victims', () => {
  const r = evaluateAt(
    new CaseBuilder({ offences: ['sexual'] })
      .victim()
      .witness('w1')
      .event('e1', '2026-03-05T10:00:00Z', 'suspect-arrested'),
    '2026-03-20T12:00:00Z',
  );
  assert.equal(r.obligations.filter((o) => o.person === 'w1').length, 0);
  assert.equal(personOf(r, 'w1').referralConsent, 'implied');
  assert.equal(personOf(r, 'w1').enhanced, false);
});

test('should treat every person victim as the complainant of each offence when there are several victims', () => {
  const r = evaluateAt(
    new CaseBuilder({ offences: ['theft', 'sexual'] }).victim('v1').victim('v2'),
    '2026-03-20T12:00:00Z',
  );
  for (const id of ['v1', 'v2']) {
    assert.ok(personOf(r, id).enhancedReasons.includes('intimidated'), id);
    assert.ok(personOf(r, id).specialMeasures.includes('s28'), id);
  }
});

test('should carry a rule id and a source on every obligation, decision and finding when a busy case is evaluated', () => {
  const r = evaluateAt(
    new CaseBuilder({ offences: ['sexual'], anticipatedPlea: 'not-guilty' })
      .victim('v1', { contract: { preferredMethod: 'phone' } })
      .business('b1')
      .witness('w1')
      .contact('c1', '2026-03-03T10:00:00Z', { method: 'email', summary: 'vic updated' })
      .personal('s1', '2026-03-04T10:00:00Z', 'statement')
      .event('e1', '2026-03-05T10:00:00Z', 'suspect-charged', { firstHearingDate: '2026-04-01' }),
    '2026-03-20T12:00:00Z',
  );
  assert.ok(r.obligations.length > 5 && r.findings.length > 3);
  for (const o of r.obligations) assert.ok(/^OB-/.test(o.rule) && o.source.length > 0, JSON.stringify(o));
  for (const f of r.findings) assert.ok(/^F-/.test(f.code) && f.source.length > 0, JSON.stringify(f));
  for (const p of r.people) {
    for (const d of Object.values(p.decisions)) {
      assert.ok(/^EL-/.test(d.rule) && d.source.length > 0, JSON.stringify(d));
    }
  }
  assert.ok(findingsOf(r, 'F-NO-NAMED-CONTACT', 'b1').length === 1);
});
