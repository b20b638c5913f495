/**
 * OB-VWCU-HANDOVER — SOP 3.3.1. When a suspect is charged with a first hearing date and there is a
 * civilian witness (a witness, or a victim who made a statement) or a not-guilty plea is anticipated, the
 * OIC hands the case to the Victim and Witness Care Unit within 1 working day (a policy default).
 */
import { caseEventsOfType, type CaseContext } from '../case-context.js';
import type { Obligation } from '../evaluation.types.js';
import { makeObligation } from './obligation.js';

export function hasCivilianWitness(ctx: CaseContext): boolean {
  const statements = new Set(caseEventsOfType(ctx, 'statement').map((s) => s.event.person));
  return ctx.history.people.some((p) => p.role === 'witness' || statements.has(p.id));
}

export function vwcuHandover(ctx: CaseContext): Obligation[] {
  const rule = ctx.pack.rules['OB-VWCU-HANDOVER'];
  const needed = hasCivilianWitness(ctx) || ctx.history.investigation.anticipatedPlea === 'not-guilty';
  if (!needed) return [];
  const handovers = caseEventsOfType(ctx, 'vwcu-handover');
  return caseEventsOfType(ctx, 'suspect-charged')
    .filter((c) => c.event.firstHearingDate)
    .map((c) => {
      const due = ctx.calendar.addWorkingDays(c.date, rule.dueWorkingDays);
      return makeObligation(
        ctx,
        'OB-VWCU-HANDOVER',
        null,
        c.event.id,
        due,
        handovers.find((h) => h.ms >= c.ms),
      );
    });
}
