/**
 * OB-SUPPORT-REFERRAL — Code Right 4. Within 2 working days of the report the victim is referred to a
 * support service, or their decline is recorded. Any service counts; a referral made without explicit
 * consent where it was needed still discharges it (and raises F-REFERRAL-WITHOUT-CONSENT).
 */
import type { CaseContext } from '../case-context.js';
import type { Obligation } from '../evaluation.types.js';
import { firstPersonEvent, makeObligation, type OwedPerson } from './obligation.js';

export function supportReferral(ctx: CaseContext, owed: OwedPerson): Obligation[] {
  const rule = ctx.pack.rules['OB-SUPPORT-REFERRAL'];
  const due = ctx.calendar.addWorkingDays(ctx.reportDate, rule.dueWorkingDays);
  const by = firstPersonEvent(ctx, owed.person.id, ['support-referral', 'support-referral-declined']);
  return [makeObligation(ctx, 'OB-SUPPORT-REFERRAL', owed.person.id, null, due, by)];
}
