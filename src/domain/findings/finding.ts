import type { ContactPurpose } from '../case-history/case-history.types.js';
import type { CaseContext } from '../case-context.js';
import type { Finding } from '../evaluation.types.js';
import type { FindingCode } from '../rules/rule-pack.types.js';

const PURPOSE_RULE: Record<ContactPurpose, string | null> = {
  'initial-contact': 'OB-INITIAL-CONTACT',
  'mandatory-update': 'OB-MANDATORY-UPDATE',
  'investigative-update': 'OB-INVESTIGATIVE-UPDATE',
  other: null,
};

/** A finding's rule is the rule of the contact's first purpose, or null. */
export function ruleOfPurposes(purposes: readonly ContactPurpose[]): string | null {
  const first = purposes[0];
  return first ? PURPOSE_RULE[first] : null;
}

export function makeFinding(
  ctx: CaseContext,
  code: FindingCode,
  person: string | null,
  rule: string | null,
  event: string | null,
  message: string,
): Finding {
  return { code, person, rule, event, message, source: ctx.pack.rules[code].source };
}
