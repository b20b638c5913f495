import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ContactEvent } from '../case-history/case-history.types.js';
import { shippedRulePack } from '../rules/rule-pack.js';
import { summaryProblem } from './summary-insufficient.finding.js';
import { CaseBuilder, assertCarries, evaluateAt, findingsOf } from '../../../test/support/case-builder.js';

const F = 'F-SUMMARY-INSUFFICIENT';
function findings(contact: Partial<ContactEvent>) {
  return findingsOf(
    evaluateAt(
      new CaseBuilder().victim().contact('c1', '2026-03-03T10:00:00Z', contact),
      '2026-03-10T12:00:00Z',
    ),
    F,
  );
}

test('should be raised with its rule and source when the summary is empty, missing or blank', () => {
  for (const summary of ['', '   ', null, undefined]) {
    const [f, ...rest] = findings({ summary });
    assert.equal(rest.length, 0, JSON.stringify(summary));
    assertCarries(f!, F, 'SOP 3.2.10');
    assert.equal(f!.rule, 'OB-INITIAL-CONTACT');
    assert.equal(f!.event, 'c1');
  }
});

test('should be raised when the summary has under 8 words and not when it has 8', () => {
  assert.equal(findings({ summary: 'Told victim suspect arrested and bailed today.' }).length, 1); // 7 words
  assert.deepEqual(findings({ summary: 'Told victim suspect arrested and bailed until Friday.' }), []); // 8 words
});

test('should not count tokens without a letter or digit as words when counting', () => {
  // 7 words plus three dash tokens.
  assert.equal(findings({ summary: 'Told victim - suspect arrested - and bailed today. -' }).length, 1);
});

test('should be raised when the summary is a bare formula, ignoring case and punctuation', () => {
  for (const summary of ['Victim updated.', 'VIC UPDATED!', 'update given', 'No change...']) {
    assert.equal(findings({ summary }).length, 1, summary);
  }
});

test("should carry the rule of the contact's first purpose when the contact is a mandatory update", () => {
  const r = evaluateAt(
    new CaseBuilder()
      .victim()
      .event('e1', '2026-03-03T09:00:00Z', 'suspect-arrested')
      .contact('c1', '2026-03-03T10:00:00Z', {
        purposes: ['mandatory-update', 'initial-contact'],
        informs: ['e1'],
        summary: 'victim updated',
      }),
    '2026-03-10T12:00:00Z',
  );
  assert.equal(findingsOf(r, F)[0]!.rule, 'OB-MANDATORY-UPDATE');
});

test('should count words as splitting on white space does when summaries mix spaces, tabs, punctuation and accents', () => {
  const rule = shippedRulePack().rules[F];
  const reference = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const pieces = [
    'told',
    'the',
    'victim',
    '-',
    '.',
    ' ',
    '  ',
    '\t',
    '\n',
    '\r\n',
    '\u00a0',
    'café',
    '42',
    '—',
    '!',
    'x',
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
      const text = parts.join('');
      const words = reference(text);
      const problem = summaryProblem(text, rule);
      if (text.trim() === '') assert.equal(problem, 'the summary is empty');
      else if (words < rule.minWords) assert.ok(problem !== null, JSON.stringify(text));
      else if (problem !== null) assert.ok(problem.includes('bare formula'), JSON.stringify(text));
      if (problem?.startsWith('the summary has')) {
        assert.ok(problem.includes(`has ${words} word`), JSON.stringify(text));
      }
    }),
    { numRuns: 3000 },
  );
});
