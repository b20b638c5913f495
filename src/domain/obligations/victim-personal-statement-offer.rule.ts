/**
 * OB-VPS-OFFER — Code Right 7; SOP 3.2.9. The victim is offered the chance to make a Victim Personal
 * Statement (a business, an Impact Statement for Business) when they make their first witness statement,
 * and an enhanced victim again at charge. Due the trigger's local date; an offer made before counts.
 * Public-sector bodies are owed none.
 */
import { caseEventsOfType, eventsOfPerson, eventsOfType, type CaseContext } from '../case-context.js';
import type { Obligation } from '../evaluation.types.js';
import { makeObligation, type OwedPerson } from './obligation.js';

export function vpsOffers(ctx: CaseContext, owed: OwedPerson): Obligation[] {
  if (owed.eligibility.statementKind === null) return [];
  const mine = eventsOfPerson(ctx, owed.person.id);
  const offers = eventsOfType(mine, 'vps-offered');
  const triggers = eventsOfType(mine, 'statement').slice(0, 1) as { event: { id: string }; date: string }[];
  if (owed.eligibility.enhanced) triggers.push(...caseEventsOfType(ctx, 'suspect-charged'));
  const what =
    owed.eligibility.statementKind === 'vps'
      ? 'Offer a Victim Personal Statement'
      : 'Offer an Impact Statement for Business';
  return triggers.map((t) => {
    // An offer on or before the due date meets it; otherwise the first offer after it is late.
    const by = offers.find((o) => o.date <= t.date) ?? offers.find((o) => o.date > t.date);
    return makeObligation(ctx, 'OB-VPS-OFFER', owed.person.id, t.event.id, t.date, by, what);
  });
}
