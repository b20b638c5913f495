/**
 * F-SUMMARY-INSUFFICIENT — SOP 3.2.10: "'Victim updated' will not be sufficient". A contact summary that is
 * empty, under 8 words, or a bare formula. Refused on entry (see `summaryProblem`); on import the record
 * is kept and this finding raised.
 */
import type { ContactEvent } from '../case-history/case-history.types.js';
import type { CaseContext } from '../case-context.js';
import type { Finding } from '../evaluation.types.js';
import type { RuleDefinitions } from '../rules/rule-pack.types.js';
import { makeFinding, ruleOfPurposes } from './finding.js';

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const normalisedFormulas = new WeakMap<RuleDefinitions['F-SUMMARY-INSUFFICIENT'], ReadonlySet<string>>();

/** The pack's bare formulas, normalised once per pack. */
function bareFormulas(rule: RuleDefinitions['F-SUMMARY-INSUFFICIENT']): ReadonlySet<string> {
  let set = normalisedFormulas.get(rule);
  if (!set) {
    set = new Set(rule.bareFormulas.map(normalise));
    normalisedFormulas.set(rule, set);
  }
  return set;
}

/** Why a contact summary is not sufficiently detailed, in words for the officer; null when it is. */
export function summaryProblem(
  summary: string | null | undefined,
  rule: RuleDefinitions['F-SUMMARY-INSUFFICIENT'],
): string | null {
  const text = summary ?? '';
  if (text.trim() === '') return 'the summary is empty';
  if (bareFormulas(rule).has(normalise(text))) {
    return `"${text.trim()}" is a bare formula: say what the victim was told and what happens next`;
  }
  const words = text.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (words < rule.minWords) {
    return `the summary has ${words} word${words === 1 ? '' : 's'}; write at least ${rule.minWords}: what was said and what happens next`;
  }
  return null;
}

export function summaryInsufficient(ctx: CaseContext, contact: ContactEvent): Finding[] {
  const problem = summaryProblem(contact.summary, ctx.pack.rules['F-SUMMARY-INSUFFICIENT']);
  if (!problem) return [];
  return [
    makeFinding(ctx, 'F-SUMMARY-INSUFFICIENT', contact.person, ruleOfPurposes(contact.purposes), contact.id, `Contact ${contact.id}: ${problem}.`),
  ];
}
