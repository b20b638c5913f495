import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RulePackError,
  SHIPPED_CODE_PACKS,
  SHIPPED_POLICY_PACKS,
  composeRulePack,
  shippedRulePack,
} from './rule-pack.js';
import type { PolicyPackDocument } from './rule-pack.types.js';
import { CaseBuilder, evaluateAt, obligationOf, obligationsOf } from '../../../test/support/case-builder.js';

const CODE = SHIPPED_CODE_PACKS[0]!;
const KENT = SHIPPED_POLICY_PACKS[0]!;
function policy(rules: Record<string, Record<string, unknown>>): PolicyPackDocument {
  const merged: Record<string, Record<string, unknown>> = structuredClone(KENT.rules);
  for (const [id, settings] of Object.entries(rules)) merged[id] = { ...merged[id], ...settings };
  return { id: 'test-force', kind: 'policy', title: 'Test force', appliesTo: CODE.id, rules: merged };
}
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof RulePackError, String(e));
    return e.message;
  }
  assert.fail('expected the pack to be refused');
}

const RULEBOOK_IDS = [
  'EL-ENHANCED',
  'EL-SPECIAL-MEASURES',
  'EL-VPS',
  'EL-REFERRAL-CONSENT',
  'EL-VCS',
  'EL-COMPELLABILITY',
  'EL-FILING-LETTER',
  'EL-CICA',
  'OB-INITIAL-CONTACT',
  'OB-SUPPORT-REFERRAL',
  'OB-NEEDS-ASSESSMENT',
  'OB-VICTIM-CARE-CARD',
  'OB-MANDATORY-UPDATE',
  'OB-INVESTIGATIVE-UPDATE',
  'OB-VPS-OFFER',
  'OB-VWCU-HANDOVER',
  'OB-HEARING-NOTICE',
  'OB-OUTCOME-NOTICE',
  'OB-COMPLAINT-RESPONSE',
  'OB-VRR-ACK',
  'OB-VRR-DECISION',
  'OB-PRISON-BLOCK',
  'OB-VCS-REFERRAL',
  'F-SINGLE-ATTEMPT',
  'F-EMAIL-NOT-PREFERRED',
  'F-SUMMARY-INSUFFICIENT',
  'F-TIMES-TO-AVOID',
  'F-ENHANCED-NOT-RECORDED',
  'F-REFERRAL-WITHOUT-CONSENT',
  'F-FILING-LETTER-NOT-PERMITTED',
  'F-NO-NAMED-CONTACT',
  'F-VNA-MISMATCH',
];

test('should define every rulebook rule with a source when the shipped pack is composed', () => {
  const pack = shippedRulePack();
  assert.equal(pack.id, 'victims-code-2020+kent-n15a');
  for (const id of RULEBOOK_IDS) {
    const rule = (pack.rules as unknown as Record<string, { source?: string }>)[id];
    assert.ok(rule?.source && rule.source.length > 0, id);
  }
});

test('should move the needs-assessment deadline when a policy sets dueCalendarDays to 3', () => {
  // Reported Mon 2026-03-02: Kent's 5 days → 03-07; this policy's 3 days → 03-05.
  const pack = composeRulePack(CODE, policy({ 'OB-NEEDS-ASSESSMENT': { dueCalendarDays: 3 } }));
  assert.equal(pack.id, 'victims-code-2020+test-force');
  const b = new CaseBuilder().victim();
  assert.equal(
    obligationOf(evaluateAt(b, '2026-03-03T12:00:00Z'), 'OB-NEEDS-ASSESSMENT', 'v1').dueDate,
    '2026-03-07',
  );
  assert.equal(
    obligationOf(evaluateAt(b, '2026-03-03T12:00:00Z', pack), 'OB-NEEDS-ASSESSMENT', 'v1').dueDate,
    '2026-03-05',
  );
});

test('should move the investigative-update period when a policy caps the frequency at 14 days', () => {
  // First qualifying contact 2026-03-03: 28 days → 03-31; capped at 14 → 03-17.
  const pack = composeRulePack(CODE, policy({ 'OB-INVESTIGATIVE-UPDATE': { maxFrequencyDays: 14 } }));
  const b = new CaseBuilder().victim().contact('c1', '2026-03-03T10:00:00Z');
  const dues = obligationsOf(
    evaluateAt(b, '2026-03-04T12:00:00Z', pack),
    'OB-INVESTIGATIVE-UPDATE',
    'v1',
  ).map((o) => o.dueDate);
  assert.deepEqual(dues, ['2026-03-17']);
});

test('should refuse a policy that leaves a required policy default unset, naming the setting', () => {
  const incomplete = policy({});
  delete incomplete.rules['OB-VCS-REFERRAL'];
  const message = refusal(() => composeRulePack(CODE, incomplete));
  assert.match(message, /rules\.OB-VCS-REFERRAL\.dueWorkingDays has no value/);
  assert.match(message, /policy default/);
  // The Code edition alone leaves the policy defaults unset.
  assert.match(
    refusal(() => shippedRulePack('victims-code-2020')),
    /OB-NEEDS-ASSESSMENT\.dueCalendarDays has no value/,
  );
});

test('should refuse a policy naming an unknown rule or an unknown setting', () => {
  assert.match(
    refusal(() => composeRulePack(CODE, policy({ 'OB-NOT-A-RULE': { dueWorkingDays: 3 } }))),
    /rules\.OB-NOT-A-RULE is not a rule of victims-code-2020/,
  );
  assert.match(
    refusal(() => composeRulePack(CODE, policy({ 'OB-NEEDS-ASSESSMENT': { dueWorkingDays: 3 } }))),
    /rules\.OB-NEEDS-ASSESSMENT\.dueWorkingDays is not a setting of that rule/,
  );
});

test('should refuse a policy whose number is not a whole number of days or which applies to another Code', () => {
  assert.match(
    refusal(() => composeRulePack(CODE, policy({ 'OB-NEEDS-ASSESSMENT': { dueCalendarDays: 2.5 } }))),
    /whole number/,
  );
  assert.match(
    refusal(() => composeRulePack(CODE, policy({ 'OB-NEEDS-ASSESSMENT': { dueCalendarDays: '5' } }))),
    /whole number/,
  );
  assert.match(
    refusal(() => composeRulePack(CODE, { ...policy({}), appliesTo: 'victims-code-2030' })),
    /applies to victims-code-2030/,
  );
  assert.match(
    refusal(() => shippedRulePack('victims-code-2020+nowhere')),
    /no policy pack "nowhere"/,
  );
});
