/**
 * EL-VCS — SOP 3.3.4. After sentence, a victim is eligible for the Victim Contact Scheme when the offender
 * was convicted of a violent or sexual offence and sentenced to 12 months' custody or more, or given a
 * hospital order.
 */
import type { PersonFacts, SentenceEvent } from '../case-history/case-history.types.js';
import { caseEventsOfType, isVictim, type CaseContext, type TimedEvent } from '../case-context.js';
import type { Decision } from '../evaluation.types.js';
import { decider } from './decision.js';

/** The first sentence event that makes victims eligible, if any. */
export function qualifyingSentence(ctx: CaseContext): TimedEvent<SentenceEvent> | undefined {
  const rule = ctx.pack.rules['EL-VCS'];
  const cats = ctx.pack.categories;
  return caseEventsOfType(ctx, 'sentence').find((s) => {
    const e = s.event;
    const offence = cats.violent.includes(e.offenceCategory) || cats.sexual.includes(e.offenceCategory);
    return offence && (e.custodyMonths >= rule.minCustodyMonths || e.hospitalOrder === true);
  });
}

export function decideVcsEligible(ctx: CaseContext, person: PersonFacts): Decision<boolean> {
  const rule = ctx.pack.rules['EL-VCS'];
  const d = decider<boolean>('EL-VCS', rule.source);
  if (!isVictim(person)) return d(false, 'only victims join the Victim Contact Scheme');
  const sentence = qualifyingSentence(ctx);
  if (!sentence) {
    return d(
      false,
      `no sentence of ${rule.minCustodyMonths} months' custody or more (or a hospital order) for a violent or sexual offence`,
    );
  }
  const e = sentence.event;
  const what = e.hospitalOrder ? 'a hospital order' : `${e.custodyMonths} months' custody`;
  return d(true, `offender sentenced to ${what} for ${e.offenceCategory} on ${sentence.date}`);
}
