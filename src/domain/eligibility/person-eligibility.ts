/** Every eligibility decision for one person (EL-*), with its rule, citation and reasons. */
import type { PersonFacts } from '../case-history/case-history.types.js';
import type { CaseContext } from '../case-context.js';
import type { PersonEligibility } from '../evaluation.types.js';
import { decideCompellability } from './compellability.rule.js';
import { decideCicaDeadline } from './criminal-injuries-compensation.rule.js';
import { decideEnhancedRights } from './enhanced-rights.rule.js';
import { decideFilingLetter } from './filing-letter.rule.js';
import { decideReferralConsent } from './referral-consent.rule.js';
import { decideSpecialMeasures } from './special-measures.rule.js';
import { decideVcsEligible } from './victim-contact-scheme.rule.js';
import { decideStatementKind } from './victim-personal-statement.rule.js';

export function decideEligibility(ctx: CaseContext, person: PersonFacts): PersonEligibility {
  const enhanced = decideEnhancedRights(ctx, person);
  const decisions = {
    enhanced,
    specialMeasures: decideSpecialMeasures(ctx, person),
    referralConsent: decideReferralConsent(ctx, person),
    vcsEligible: decideVcsEligible(ctx, person),
    compellable: decideCompellability(ctx, person),
    filingLetterPermitted: decideFilingLetter(ctx, person),
    statementKind: decideStatementKind(ctx, person),
    cicaDeadline: decideCicaDeadline(ctx, person),
  };
  return {
    id: person.id,
    enhanced: enhanced.value,
    enhancedReasons: enhanced.enhancedReasons,
    specialMeasures: decisions.specialMeasures.value,
    referralConsent: decisions.referralConsent.value,
    vcsEligible: decisions.vcsEligible.value,
    compellable: decisions.compellable.value,
    filingLetterPermitted: decisions.filingLetterPermitted.value,
    statementKind: decisions.statementKind.value,
    cicaDeadline: decisions.cicaDeadline.value,
    decisions,
  };
}
