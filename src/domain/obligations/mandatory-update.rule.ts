/**
 * OB-MANDATORY-UPDATE — Code Right 6; SOP 3.2.10. After each listed event (arrest, interview, release,
 * bail, charge, filing …) the victim is told within 5 working days, 1 working day if entitled to enhanced
 * rights. A successful contact at or after the event that records informing of it discharges it; one
 * contact may inform of several events. Events inside an opt-out are not required.
 */
import type { CaseContext } from '../case-context.js';
import type { Obligation } from '../evaluation.types.js';
import {
  firstContactInforming,
  makeObligation,
  notRequired,
  optedOutAt,
  optOuts,
  type OwedPerson,
} from './obligation.js';

export function mandatoryUpdates(ctx: CaseContext, owed: OwedPerson): Obligation[] {
  const rule = ctx.pack.rules['OB-MANDATORY-UPDATE'];
  const days = owed.eligibility.enhanced ? rule.dueWorkingDaysEnhanced : rule.dueWorkingDays;
  const periods = optOuts(ctx, owed.person.id);
  const out: Obligation[] = [];
  for (const t of ctx.events) {
    const what = rule.triggers[t.event.type];
    if (what === undefined) continue;
    if (
      rule.personalTriggers.includes(t.event.type) &&
      (!('person' in t.event) || t.event.person !== owed.person.id)
    ) {
      continue;
    }
    const due = ctx.calendar.addWorkingDays(t.date, days);
    const by = firstContactInforming(ctx, owed.person.id, t.event.id, t.ms);
    const o = makeObligation(
      ctx,
      'OB-MANDATORY-UPDATE',
      owed.person.id,
      t.event.id,
      due,
      by,
      `Tell the victim ${what}`,
    );
    out.push(optedOutAt(periods, t.ms) ? notRequired(o) : o);
  }
  return out;
}
