/**
 * OB-HEARING-NOTICE — Code Right 8; OB-OUTCOME-NOTICE — Code Right 9. When the VWCU receives a hearing
 * date or a case outcome, every victim is told within 1 working day by a contact that informs of it.
 * Not affected by an opt-out.
 */
import { caseEventsOfType, type CaseContext } from '../case-context.js';
import type { Obligation } from '../evaluation.types.js';
import type { ObligationRuleId } from '../rules/rule-pack.types.js';
import { firstContactInforming, makeObligation, type OwedPerson } from './obligation.js';

function notices(
  ctx: CaseContext,
  owed: OwedPerson,
  rule: Extract<ObligationRuleId, 'OB-HEARING-NOTICE' | 'OB-OUTCOME-NOTICE'>,
  trigger: 'hearing-date-received' | 'outcome-received',
): Obligation[] {
  const days = ctx.pack.rules[rule].dueWorkingDays;
  return caseEventsOfType(ctx, trigger).map((t) =>
    makeObligation(
      ctx,
      rule,
      owed.person.id,
      t.event.id,
      ctx.calendar.addWorkingDays(t.date, days),
      firstContactInforming(ctx, owed.person.id, t.event.id, t.ms),
    ),
  );
}

export function hearingNotices(ctx: CaseContext, owed: OwedPerson): Obligation[] {
  return notices(ctx, owed, 'OB-HEARING-NOTICE', 'hearing-date-received');
}

export function outcomeNotices(ctx: CaseContext, owed: OwedPerson): Obligation[] {
  return notices(ctx, owed, 'OB-OUTCOME-NOTICE', 'outcome-received');
}
