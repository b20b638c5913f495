/** What every obligation rule shares: who is owed, how a status is read, how an obligation is written. */
import type { LocalDate } from '../calendar/london-time.js';
import type { ContactEvent, PersonFacts } from '../case-history/case-history.types.js';
import { eventsOfPerson, instantOf, type CaseContext, type TimedEvent } from '../case-context.js';
import type { Obligation, ObligationStatus, PersonEligibility } from '../evaluation.types.js';
import type { ObligationRuleId } from '../rules/rule-pack.types.js';

export interface OwedPerson {
  person: PersonFacts;
  eligibility: PersonEligibility;
}

/**
 * Obligations are owed to victims; a business victim only through a named point of contact. Witnesses
 * who are not victims are owed none (the Witness Charter sets no deadlines).
 */
export function isOwedObligations(person: PersonFacts): boolean {
  if (person.role !== 'victim') return false;
  return person.kind === 'person' || Boolean(person.namedContact?.trim());
}

/** Status as of `today` of an obligation due on `dueDate`, discharged (or not) by `by`. */
export function statusOf(dueDate: LocalDate, by: TimedEvent | undefined, today: LocalDate): ObligationStatus {
  if (by) return by.date <= dueDate ? 'met' : 'met-late';
  return today > dueDate ? 'overdue' : 'due';
}

export function makeObligation(
  ctx: CaseContext,
  rule: ObligationRuleId,
  person: string | null,
  trigger: string | null,
  dueDate: LocalDate,
  by: TimedEvent | undefined,
  title?: string,
): Obligation {
  const def = ctx.pack.rules[rule];
  return {
    rule,
    person,
    trigger,
    dueDate,
    status: statusOf(dueDate, by, ctx.today),
    metAt: by ? instantOf(by) : null,
    metBy: by ? by.event.id : null,
    source: def.source,
    owner: def.owner,
    title: title ?? def.title,
  };
}

export function notRequired(o: Obligation): Obligation {
  return { ...o, status: 'not-required', metAt: null, metBy: null };
}

/** The person's successful contacts, oldest first. */
export function successfulContacts(ctx: CaseContext, personId: string): readonly TimedEvent<ContactEvent>[] {
  return ctx.successfulContacts.get(personId) ?? NO_CONTACTS;
}

const NO_CONTACTS: readonly TimedEvent<ContactEvent>[] = [];

/** The first successful contact with the person, at or after `fromMs`, that informs of event `eventId`. */
export function firstContactInforming(
  ctx: CaseContext,
  personId: string,
  eventId: string,
  fromMs: number,
): TimedEvent<ContactEvent> | undefined {
  return successfulContacts(ctx, personId).find(
    (c) => c.ms >= fromMs && (c.event.informs ?? []).includes(eventId),
  );
}

/** The first of the person's events of one of `types` at or after `fromMs` matching `where`. */
export function firstPersonEvent(
  ctx: CaseContext,
  personId: string,
  types: readonly string[],
  fromMs = -Infinity,
  where: (t: TimedEvent) => boolean = () => true,
): TimedEvent | undefined {
  return eventsOfPerson(ctx, personId).find(
    (t) => t.ms >= fromMs && types.includes(t.event.type) && where(t),
  );
}

export interface OptOut {
  fromMs: number;
  fromDate: LocalDate;
  /** The resumption, or null while the opt-out stands. */
  toMs: number | null;
  toDate: LocalDate | null;
}

/** Periods in which the victim declined updates (Code Right 6). */
export function optOuts(ctx: CaseContext, personId: string): OptOut[] {
  const periods: OptOut[] = [];
  let open: TimedEvent | null = null;
  for (const t of eventsOfPerson(ctx, personId)) {
    if (t.event.type === 'updates-declined' && !open) open = t;
    else if (t.event.type === 'updates-resumed' && open) {
      periods.push({ fromMs: open.ms, fromDate: open.date, toMs: t.ms, toDate: t.date });
      open = null;
    }
  }
  if (open) periods.push({ fromMs: open.ms, fromDate: open.date, toMs: null, toDate: null });
  return periods;
}

export function optedOutAt(periods: readonly OptOut[], ms: number): boolean {
  return periods.some((p) => ms >= p.fromMs && (p.toMs === null || ms < p.toMs));
}

export function optedOutOn(periods: readonly OptOut[], date: LocalDate): OptOut | undefined {
  return periods.find((p) => date >= p.fromDate && (p.toDate === null || date < p.toDate));
}
