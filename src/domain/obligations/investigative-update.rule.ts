/**
 * OB-INVESTIGATIVE-UPDATE — SOP 3.2.10 (Kent practice). While the investigation is open the victim is
 * updated at the agreed frequency, at most every 28 days (Kent's minimum standard; a policy value). The
 * clock starts at the first successful contact whose purpose is initial contact, a mandatory update or an
 * investigative update; each such contact starts the next period. A period due after the investigation
 * closed is not required; a period falling due during an opt-out is not required, and the next period
 * runs from the resumption.
 */
import { addCalendarDays } from '../calendar/london-time.js';
import type { ContactEvent } from '../case-history/case-history.types.js';
import type { CaseContext, TimedEvent } from '../case-context.js';
import type { Obligation } from '../evaluation.types.js';
import {
  makeObligation,
  notRequired,
  optedOutOn,
  optOuts,
  successfulContacts,
  type OwedPerson,
} from './obligation.js';

/** The local date the investigation closed (charge, disposal, NFA, no charge, not investigated, filed). */
export function closingDate(ctx: CaseContext): string | null {
  const closing = ctx.pack.rules['OB-INVESTIGATIVE-UPDATE'].closingEvents;
  return ctx.events.find((t) => closing.includes(t.event.type))?.date ?? null;
}

export function updateFrequencyDays(ctx: CaseContext, owed: OwedPerson): number {
  const rule = ctx.pack.rules['OB-INVESTIGATIVE-UPDATE'];
  const agreed = owed.person.contract?.updateFrequencyDays ?? rule.defaultFrequencyDays;
  return Math.min(agreed, rule.maxFrequencyDays);
}

export function investigativeUpdates(ctx: CaseContext, owed: OwedPerson): Obligation[] {
  const rule = ctx.pack.rules['OB-INVESTIGATIVE-UPDATE'];
  const every = updateFrequencyDays(ctx, owed);
  const closed = closingDate(ctx);
  const periods = optOuts(ctx, owed.person.id);
  const qualifying: TimedEvent<ContactEvent>[] = successfulContacts(ctx, owed.person.id).filter((c) =>
    c.event.purposes.some((p) => rule.qualifyingPurposes.includes(p)),
  );
  const out: Obligation[] = [];
  const first = qualifying[0];
  if (!first) return out;
  let anchorMs = first.ms;
  let anchorDate = first.date;
  for (;;) {
    const due = addCalendarDays(anchorDate, every);
    const next = qualifying.find((c) => c.ms > anchorMs);
    const o = makeObligation(ctx, 'OB-INVESTIGATIVE-UPDATE', owed.person.id, null, due, next);
    if (closed !== null && due > closed) {
      out.push(notRequired(o));
      break;
    }
    // A period falling due while an opt-out stands is not required, even if a contact was made during
    // the opt-out (RULEBOOK §4); resuming restarts the clock. A period already met before the opt-out
    // began stays met.
    const optOut = optedOutOn(periods, due);
    const metBeforeOptOut =
      optOut !== undefined && next !== undefined && next.date <= due && next.ms < optOut.fromMs;
    if (optOut && !metBeforeOptOut) {
      out.push(notRequired(o));
      if (optOut.toMs === null || optOut.toDate === null) break;
      // The next period runs from the resumption; a contact after it discharges that period.
      anchorMs = optOut.toMs;
      anchorDate = optOut.toDate;
      continue;
    }
    out.push(o);
    if (!next) break;
    anchorMs = next.ms;
    anchorDate = next.date;
  }
  return out;
}
