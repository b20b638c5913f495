/**
 * OB-INITIAL-CONTACT — SOP 3.2.2, 3.2.10. The allocated investigator contacts the victim within 5
 * calendar days of the report. A successful phone, in-person or video contact discharges it; email, text
 * or letter only when it is the victim's recorded preferred method.
 */
import type { ContactEvent } from '../case-history/case-history.types.js';
import type { CaseContext, TimedEvent } from '../case-context.js';
import type { Obligation } from '../evaluation.types.js';
import { makeObligation, successfulContacts, type OwedPerson } from './obligation.js';

export function initialContactDischarges(
  ctx: CaseContext,
  owed: OwedPerson,
): TimedEvent<ContactEvent> | undefined {
  const rule = ctx.pack.rules['OB-INITIAL-CONTACT'];
  const preferred = owed.person.contract?.preferredMethod ?? null;
  return successfulContacts(ctx, owed.person.id).find(
    (c) => rule.methodsAlwaysAllowed.includes(c.event.method) || c.event.method === preferred,
  );
}

export function initialContact(ctx: CaseContext, owed: OwedPerson): Obligation[] {
  const rule = ctx.pack.rules['OB-INITIAL-CONTACT'];
  const due = ctx.calendar.addCalendarDays(ctx.reportDate, rule.dueCalendarDays);
  return [
    makeObligation(ctx, 'OB-INITIAL-CONTACT', owed.person.id, null, due, initialContactDischarges(ctx, owed)),
  ];
}
