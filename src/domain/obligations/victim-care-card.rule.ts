/**
 * OB-VICTIM-CARE-CARD — SOP 3.2.4; Code Right 3. The Victim Care Card (crime reference and officer
 * contact: the written confirmation) is given and recorded; the IMU owns the check.
 */
import type { CaseContext } from '../case-context.js';
import type { Obligation } from '../evaluation.types.js';
import { firstPersonEvent, makeObligation, type OwedPerson } from './obligation.js';

export function victimCareCard(ctx: CaseContext, owed: OwedPerson): Obligation[] {
  const rule = ctx.pack.rules['OB-VICTIM-CARE-CARD'];
  const due = ctx.calendar.addCalendarDays(ctx.reportDate, rule.dueCalendarDays);
  return [
    makeObligation(
      ctx,
      'OB-VICTIM-CARE-CARD',
      owed.person.id,
      null,
      due,
      firstPersonEvent(ctx, owed.person.id, ['victim-care-card']),
    ),
  ];
}
