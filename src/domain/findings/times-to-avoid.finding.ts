/**
 * F-TIMES-TO-AVOID — SOP 3.2.10: discuss and record "times to avoid" and adhere to them. A contact made
 * inside a window the victim asked to avoid. Windows are London local time, include their start and
 * exclude their end, and may run past midnight (22:00–07:00 on a Monday covers Monday 22:00 to Tuesday
 * 07:00).
 */
import { londonClock } from '../calendar/london-time.js';
import {
  WEEKDAYS,
  type ContactEvent,
  type PersonFacts,
  type TimeWindow,
} from '../case-history/case-history.types.js';
import type { CaseContext, TimedEvent } from '../case-context.js';
import type { Finding } from '../evaluation.types.js';
import { makeFinding, ruleOfPurposes } from './finding.js';

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The window an instant falls inside, if any. */
export function windowContaining(epochMs: number, windows: readonly TimeWindow[]): TimeWindow | undefined {
  const { weekday, minutes: now } = londonClock(epochMs);
  const today = WEEKDAYS[weekday];
  const yesterday = WEEKDAYS[(weekday + 6) % 7];
  return windows.find((w) => {
    const from = minutes(w.from);
    const to = minutes(w.to);
    if (from < to) return w.days.includes(today!) && now >= from && now < to;
    // Past midnight: the evening part on a listed day, the morning part on the day after one.
    return (w.days.includes(today!) && now >= from) || (w.days.includes(yesterday!) && now < to);
  });
}

export function timesToAvoid(
  ctx: CaseContext,
  person: PersonFacts,
  contact: TimedEvent<ContactEvent>,
): Finding[] {
  const w = windowContaining(contact.ms, person.contract?.timesToAvoid ?? []);
  if (!w) return [];
  const e = contact.event;
  return [
    makeFinding(
      ctx,
      'F-TIMES-TO-AVOID',
      e.person,
      ruleOfPurposes(e.purposes),
      e.id,
      `Contact ${e.id} was made inside a time the victim asked to avoid (${w.days.join(', ')} ${w.from}–${w.to}).`,
    ),
  ];
}
