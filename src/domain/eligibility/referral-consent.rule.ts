/**
 * EL-REFERRAL-CONSENT — Code Right 4; SOP 3.2.11. Explicit consent before passing details to support
 * services for victims of sexual offences, domestic abuse and bereaved close relatives; implied (opt-out)
 * for everyone else.
 */
import type { PersonFacts } from '../case-history/case-history.types.js';
import { hasOffenceIn, isDomesticAbuse, isVictim, type CaseContext } from '../case-context.js';
import type { Decision } from '../evaluation.types.js';

export function decideReferralConsent(
  ctx: CaseContext,
  person: PersonFacts,
): Decision<'explicit' | 'implied'> {
  const source = ctx.pack.rules['EL-REFERRAL-CONSENT'].source;
  const reasons: string[] = [];
  if (isVictim(person) && person.kind === 'person') {
    if (hasOffenceIn(ctx, 'sexual')) reasons.push('victim of a sexual offence');
    if (isDomesticAbuse(ctx)) reasons.push('victim of domestic abuse');
    if (person.bereavedCloseRelative) reasons.push('bereaved close relative');
  }
  if (reasons.length > 0) {
    return {
      value: 'explicit',
      rule: 'EL-REFERRAL-CONSENT',
      source,
      reasons: [`explicit consent needed: ${reasons.join(', ')}`],
    };
  }
  return {
    value: 'implied',
    rule: 'EL-REFERRAL-CONSENT',
    source,
    reasons: ['implied consent (the person may opt out)'],
  };
}
