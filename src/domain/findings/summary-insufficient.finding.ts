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

interface Formulas {
  set: ReadonlySet<string>;
  maxWords: number;
}
const normalisedFormulas = new WeakMap<RuleDefinitions['F-SUMMARY-INSUFFICIENT'], Formulas>();

/** The pack's bare formulas, normalised once per pack, and the most words any of them has. */
function bareFormulas(rule: RuleDefinitions['F-SUMMARY-INSUFFICIENT']): Formulas {
  let formulas = normalisedFormulas.get(rule);
  if (!formulas) {
    const list = rule.bareFormulas.map(normalise);
    formulas = {
      set: new Set(list),
      maxWords: Math.max(0, ...list.map((f) => (f === '' ? 0 : f.split(' ').length))),
    };
    normalisedFormulas.set(rule, formulas);
  }
  return formulas;
}

/** Words: runs of non-space holding a letter or digit. Plain ASCII is counted in one pass, without regexes. */
function wordCount(text: string): number {
  let words = 0;
  let inWordWithLetter = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    if (c === 32 || (c >= 9 && c <= 13)) {
      if (inWordWithLetter) words += 1;
      inWordWithLetter = false;
    } else if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      inWordWithLetter = true;
    }
  }
  return inWordWithLetter ? words + 1 : words;
}

/** Why a contact summary is not sufficiently detailed, in words for the officer; null when it is. */
export function summaryProblem(
  summary: string | null | undefined,
  rule: RuleDefinitions['F-SUMMARY-INSUFFICIENT'],
): string | null {
  const text = summary ?? '';
  if (text.trim() === '') return 'the summary is empty';
  const words = wordCount(text);
  // Normalising only merges or drops tokens, never splits them on a space, so a summary with more words
  // than the longest formula cannot be one: skip the normalisation for ordinary summaries.
  const formulas = bareFormulas(rule);
  if (words <= formulas.maxWords && formulas.set.has(normalise(text))) {
    return `"${text.trim()}" is a bare formula: say what the victim was told and what happens next`;
  }
  if (words < rule.minWords) {
    return `the summary has ${words} word${words === 1 ? '' : 's'}; write at least ${rule.minWords}: what was said and what happens next`;
  }
  return null;
}

export function summaryInsufficient(ctx: CaseContext, contact: ContactEvent): Finding[] {
  const problem = summaryProblem(contact.summary, ctx.pack.rules['F-SUMMARY-INSUFFICIENT']);
  if (!problem) return [];
  return [
    makeFinding(
      ctx,
      'F-SUMMARY-INSUFFICIENT',
      contact.person,
      ruleOfPurposes(contact.purposes),
      contact.id,
      `Contact ${contact.id}: ${problem}.`,
    ),
  ];
}
