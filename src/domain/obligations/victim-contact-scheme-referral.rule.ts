/**
 * OB-VCS-REFERRAL — Code Right 11. A sentence that makes the victim eligible for the Victim Contact
 * Scheme (EL-VCS) starts a clock (20 working days, the 2015 Code figure; a policy default) for the VWCU to
 * refer them; discharged by a `vcs-referral` event.
 */
import { eventsOfPerson, type CaseContext } from '../case-context.js';
import { qualifyingSentence } from '../eligibility/victim-contact-scheme.rule.js';
import type { Obligation } from '../evaluation.types.js';
import { makeObligation, type OwedPerson } from './obligation.js';

export function vcsReferral(ctx: CaseContext, owed: OwedPerson): Obligation[] {
  if (!owed.eligibility.vcsEligible) return [];
  const sentence = qualifyingSentence(ctx);
  if (!sentence) return [];
  const due = ctx.calendar.addWorkingDays(sentence.date, ctx.pack.rules['OB-VCS-REFERRAL'].dueWorkingDays);
  const by = eventsOfPerson(ctx, owed.person.id).find((t) => t.event.type === 'vcs-referral');
  return [makeObligation(ctx, 'OB-VCS-REFERRAL', owed.person.id, sentence.event.id, due, by)];
}
