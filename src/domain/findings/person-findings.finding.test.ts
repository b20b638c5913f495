import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CaseBuilder,
  assertCarries,
  evaluateAt,
  findingsOf,
  obligationOf,
  obligationsOf,
} from '../../../test/support/case-builder.js';

const AS_OF = '2026-03-20T12:00:00Z';

test('should raise F-ENHANCED-NOT-RECORDED with its rule and source when an enhanced victim is not recorded as such', () => {
  const r = evaluateAt(new CaseBuilder({ offences: ['sexual'] }).victim(), AS_OF);
  const [f, ...rest] = findingsOf(r, 'F-ENHANCED-NOT-RECORDED', 'v1');
  assert.equal(rest.length, 0);
  assertCarries(f!, 'F-ENHANCED-NOT-RECORDED', '3.2.5');
  assert.equal(f!.rule, 'EL-ENHANCED');
});

test('should not raise F-ENHANCED-NOT-RECORDED when enhanced status is recorded on the contract or by an event', () => {
  const contract = evaluateAt(
    new CaseBuilder({ offences: ['sexual'] }).victim('v1', { contract: { enhancedRecorded: true } }),
    AS_OF,
  );
  assert.deepEqual(findingsOf(contract, 'F-ENHANCED-NOT-RECORDED'), []);
  const event = evaluateAt(
    new CaseBuilder({ offences: ['sexual'] })
      .victim()
      .personal('x', '2026-03-03T10:00:00Z', 'enhanced-recorded'),
    AS_OF,
  );
  assert.deepEqual(findingsOf(event, 'F-ENHANCED-NOT-RECORDED'), []);
  // An enhanced-recorded event after asOf does not count yet.
  const later = evaluateAt(
    new CaseBuilder({ offences: ['sexual'] })
      .victim()
      .personal('x', '2026-03-25T10:00:00Z', 'enhanced-recorded'),
    AS_OF,
  );
  assert.equal(findingsOf(later, 'F-ENHANCED-NOT-RECORDED').length, 1);
});

test('should not raise F-ENHANCED-NOT-RECORDED when the victim is not entitled to enhanced rights', () => {
  assert.deepEqual(
    findingsOf(
      evaluateAt(new CaseBuilder({ offences: ['theft'] }).victim(), AS_OF),
      'F-ENHANCED-NOT-RECORDED',
    ),
    [],
  );
});

test('should raise F-REFERRAL-WITHOUT-CONSENT and still discharge the referral when explicit consent was needed but not recorded', () => {
  const r = evaluateAt(
    new CaseBuilder({ offences: ['sexual'] })
      .victim()
      .personal('r1', '2026-03-03T10:00:00Z', 'support-referral', {
        service: 'victim-support',
        consent: 'implied',
      }),
    AS_OF,
  );
  const [f] = findingsOf(r, 'F-REFERRAL-WITHOUT-CONSENT', 'v1');
  assertCarries(f!, 'F-REFERRAL-WITHOUT-CONSENT', 'Code Right 4');
  assert.equal(f!.rule, 'OB-SUPPORT-REFERRAL');
  assert.equal(f!.event, 'r1');
  assert.equal(obligationOf(r, 'OB-SUPPORT-REFERRAL', 'v1').status, 'met');
});

test('should not raise F-REFERRAL-WITHOUT-CONSENT when consent was explicit or only implied consent was needed', () => {
  const explicit = evaluateAt(
    new CaseBuilder({ offences: ['sexual'] })
      .victim()
      .personal('r1', '2026-03-03T10:00:00Z', 'support-referral', { service: 'isva', consent: 'explicit' }),
    AS_OF,
  );
  assert.deepEqual(findingsOf(explicit, 'F-REFERRAL-WITHOUT-CONSENT'), []);
  const implied = evaluateAt(
    new CaseBuilder({ offences: ['theft'] })
      .victim()
      .personal('r1', '2026-03-03T10:00:00Z', 'support-referral', {
        service: 'victim-support',
        consent: 'implied',
      }),
    AS_OF,
  );
  assert.deepEqual(findingsOf(implied, 'F-REFERRAL-WITHOUT-CONSENT'), []);
});

test('should raise F-NO-NAMED-CONTACT and owe the business nothing when it has no named point of contact', () => {
  for (const namedContact of [undefined, null, '   ']) {
    const r = evaluateAt(
      new CaseBuilder({ offences: ['burglary'] })
        .business('b1', { namedContact })
        .personal('s1', '2026-03-03T10:00:00Z', 'statement', { person: 'b1' }),
      AS_OF,
    );
    const [f] = findingsOf(r, 'F-NO-NAMED-CONTACT', 'b1');
    assert.ok(f, JSON.stringify(namedContact));
    assertCarries(f, 'F-NO-NAMED-CONTACT', 'SOP 3.1.1');
    assert.deepEqual(obligationsOf(r, 'OB-INITIAL-CONTACT', 'b1'), []);
    assert.equal(r.obligations.filter((o) => o.person === 'b1').length, 0);
  }
});

test('should owe a business its obligations and raise no F-NO-NAMED-CONTACT when a named contact is recorded', () => {
  const r = evaluateAt(
    new CaseBuilder({ offences: ['burglary'] }).business('b1', { namedContact: 'Pat Jones' }),
    AS_OF,
  );
  assert.deepEqual(findingsOf(r, 'F-NO-NAMED-CONTACT'), []);
  assert.equal(obligationOf(r, 'OB-INITIAL-CONTACT', 'b1').dueDate, '2026-03-07');
});

test('should raise F-VNA-MISMATCH naming the field when the form URN, name or date of birth does not match', () => {
  const r = evaluateAt(
    new CaseBuilder()
      .victim('v1', { name: 'Alex Smith', dateOfBirth: '1990-04-01' })
      .personal('a1', '2026-03-03T10:00:00Z', 'needs-assessment', { urn: '46/9999/26' })
      .personal('a2', '2026-03-03T11:00:00Z', 'needs-assessment', {
        urn: '46/1234/26',
        personName: 'Alex Smyth',
      })
      .personal('a3', '2026-03-03T12:00:00Z', 'needs-assessment', {
        urn: '46/1234/26',
        dateOfBirth: '1991-04-01',
      }),
    AS_OF,
  );
  const fs = findingsOf(r, 'F-VNA-MISMATCH', 'v1');
  assert.deepEqual(
    fs.map((f) => f.event),
    ['a1', 'a2', 'a3'],
  );
  assertCarries(fs[0]!, 'F-VNA-MISMATCH', 'SOP 3.2.3');
  assert.equal(fs[0]!.rule, 'OB-NEEDS-ASSESSMENT');
  assert.match(fs[0]!.message, /urn/);
  assert.match(fs[1]!.message, /personName/);
  assert.match(fs[2]!.message, /dateOfBirth/);
  assert.equal(obligationOf(r, 'OB-NEEDS-ASSESSMENT', 'v1').status, 'overdue');
});

test('should not raise F-VNA-MISMATCH when names differ only in case and repeated spaces', () => {
  const r = evaluateAt(
    new CaseBuilder()
      .victim('v1', { name: 'Alex  Smith' })
      .personal('a1', '2026-03-03T10:00:00Z', 'needs-assessment', {
        urn: '46/1234/26',
        personName: ' alex SMITH ',
      }),
    AS_OF,
  );
  assert.deepEqual(findingsOf(r, 'F-VNA-MISMATCH'), []);
  assert.equal(obligationOf(r, 'OB-NEEDS-ASSESSMENT', 'v1').status, 'met');
});
