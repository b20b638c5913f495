import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContactEvent, PersonFacts } from '../case-history/case-history.types.js';
import { CaseBuilder, assertCarries, evaluateAt, findingsOf } from '../../../test/support/case-builder.js';

const F = 'F-EMAIL-NOT-PREFERRED';
function findings(contract: PersonFacts['contract'], contact: Partial<ContactEvent>) {
  return findingsOf(
    evaluateAt(
      new CaseBuilder().victim('v1', { contract }).contact('c1', '2026-03-03T10:00:00Z', contact),
      '2026-03-10T12:00:00Z',
    ),
    F,
  );
}

test('should be raised with its rule and source when initial contact is by email and the preferred method is phone, even if unsuccessful', () => {
  const [f, ...rest] = findings({ preferredMethod: 'phone' }, { method: 'email', outcome: 'unsuccessful' });
  assert.equal(rest.length, 0);
  assertCarries(f!, F, 'SOP 3.2.2');
  assert.equal(f!.rule, 'OB-INITIAL-CONTACT');
  assert.equal(f!.event, 'c1');
});

test('should be raised for text or letter when no preferred method is recorded', () => {
  assert.equal(findings({}, { method: 'text' }).length, 1);
  assert.equal(findings(undefined, { method: 'letter' }).length, 1);
});

test('should not be raised when the written method is the preferred one or the contact is by phone', () => {
  assert.deepEqual(findings({ preferredMethod: 'email' }, { method: 'email' }), []);
  assert.deepEqual(findings({ preferredMethod: 'email' }, { method: 'phone' }), []);
});

test('should not be raised when an email contact has no initial-contact purpose', () => {
  assert.deepEqual(
    findings({ preferredMethod: 'phone' }, { method: 'email', purposes: ['investigative-update'] }),
    [],
  );
});

test("should carry the rule of the contact's first purpose when initial contact is not listed first", () => {
  const [f] = findings(
    { preferredMethod: 'phone' },
    { method: 'letter', purposes: ['other', 'initial-contact'] },
  );
  assert.equal(f!.rule, null);
});
