/**
 * Requests a victim makes and the answers owed, each a working-day clock from the request:
 * OB-COMPLAINT-RESPONSE — Code Right 12; SOP 3.4: acknowledgement or response within 10 working days.
 * OB-VRR-ACK / OB-VRR-DECISION — Police Victims' Right to Review: acknowledgement within 10, decision
 * within 30 working days.
 * OB-PRISON-BLOCK — SOP 3.2.17 (HMPPS): a non-contact request leads to a block within 2 working days.
 */
import { eventsOfPerson, type CaseContext, type TimedEvent } from '../case-context.js';
import type { Obligation } from '../evaluation.types.js';
import type { ObligationRuleId } from '../rules/rule-pack.types.js';
import { makeObligation, type OwedPerson } from './obligation.js';

interface RequestRule {
  rule: ObligationRuleId & ('OB-COMPLAINT-RESPONSE' | 'OB-VRR-ACK' | 'OB-VRR-DECISION' | 'OB-PRISON-BLOCK');
  request: string;
  answer: string;
  /** The answer's field naming the request it answers. */
  link: 'complaint' | 'request';
}

const REQUEST_RULES: readonly RequestRule[] = [
  {
    rule: 'OB-COMPLAINT-RESPONSE',
    request: 'complaint-received',
    answer: 'complaint-responded',
    link: 'complaint',
  },
  { rule: 'OB-VRR-ACK', request: 'vrr-requested', answer: 'vrr-acknowledged', link: 'request' },
  { rule: 'OB-VRR-DECISION', request: 'vrr-requested', answer: 'vrr-decided', link: 'request' },
  {
    rule: 'OB-PRISON-BLOCK',
    request: 'non-contact-request-submitted',
    answer: 'prison-contact-block-in-place',
    link: 'request',
  },
];

function answers(answer: TimedEvent, link: RequestRule['link'], requestId: string): boolean {
  return (answer.event as unknown as Record<string, unknown>)[link] === requestId;
}

export function requestResponses(ctx: CaseContext, owed: OwedPerson): Obligation[] {
  const mine = eventsOfPerson(ctx, owed.person.id);
  const out: Obligation[] = [];
  for (const r of REQUEST_RULES) {
    const days = ctx.pack.rules[r.rule].dueWorkingDays;
    for (const req of mine) {
      if (req.event.type !== r.request) continue;
      const by = ctx.events.find((a) => a.event.type === r.answer && answers(a, r.link, req.event.id));
      out.push(
        makeObligation(
          ctx,
          r.rule,
          owed.person.id,
          req.event.id,
          ctx.calendar.addWorkingDays(req.date, days),
          by,
        ),
      );
    }
  }
  return out;
}
