/**
 * The facts of one case prepared once for the rules: events up to `asOf` in time order with their London
 * dates, look-ups by person and by type, and the questions every rule asks of the offences.
 */
import type { WorkingDayCalendar } from './calendar/working-day-calendar.js';
import { ageOn, instantMs, londonDateOfMs, toInstant, type LocalDate } from './calendar/london-time.js';
import type {
  CaseEvent,
  CaseHistory,
  ContactEvent,
  OffenceCategory,
  PersonFacts,
} from './case-history/case-history.types.js';
import type { OffenceCategories, RulePack } from './rules/rule-pack.types.js';

export interface TimedEvent<E extends CaseEvent = CaseEvent> {
  event: E;
  ms: number;
  /** London local date of the event. */
  date: LocalDate;
  /** Canonical instant (`toISOString` form), filled on first use by `instantOf`. */
  instant?: string;
}

/** The event's instant in canonical form, computed once per event however many obligations it meets. */
export function instantOf(t: TimedEvent): string {
  return (t.instant ??= toInstant(t.ms));
}

export interface CaseContext {
  history: CaseHistory;
  pack: RulePack;
  calendar: WorkingDayCalendar;
  asOf: string;
  asOfMs: number;
  today: LocalDate;
  reportedMs: number;
  reportDate: LocalDate;
  /** The offence date, or the report date where the offence date is unknown. */
  incidentDate: LocalDate;
  /** Events at or before `asOf`, oldest first (ties keep document order). */
  events: TimedEvent[];
  byPerson: ReadonlyMap<string, TimedEvent[]>;
  /** Events of each type, oldest first (ask with `caseEventsOfType`). */
  byType: ReadonlyMap<CaseEvent['type'], TimedEvent[]>;
  /** Each person's successful contacts, oldest first (many rules ask). */
  successfulContacts: ReadonlyMap<string, TimedEvent<ContactEvent>[]>;
  categories: ReadonlySet<OffenceCategory>;
  /** Whether an offence falls in each of the pack's category lists (ask with `hasOffenceIn`). */
  offenceIn: Readonly<Record<OffenceList, boolean>>;
}

/** The pack's lists of offence categories (the flags list names flags, not categories). */
export type OffenceList = keyof Omit<OffenceCategories, 'mostSeriousCrimeFlags'>;
const OFFENCE_LISTS: readonly OffenceList[] = [
  'mostSeriousCrime',
  'bereavementOffences',
  'violent',
  'sexual',
  'modernSlavery',
  'knifeOrFirearm',
];

export function buildCaseContext(
  history: CaseHistory,
  pack: RulePack,
  calendar: WorkingDayCalendar,
  asOfMs: number,
): CaseContext {
  const timed: TimedEvent[] = [];
  for (const event of history.events) {
    const ms = instantMs(event.at);
    if (ms <= asOfMs) timed.push({ event, ms, date: londonDateOfMs(ms) });
  }
  if (!inTimeOrder(timed)) timed.sort((a, b) => a.ms - b.ms); // histories are usually written in order
  const byPerson = new Map<string, TimedEvent[]>();
  const byType = new Map<CaseEvent['type'], TimedEvent[]>();
  const successfulContacts = new Map<string, TimedEvent<ContactEvent>[]>();
  for (const t of timed) {
    addTo(byType, t.event.type, t);
    if ('person' in t.event) {
      addTo(byPerson, t.event.person, t);
      if (t.event.type === 'contact' && t.event.outcome === 'successful') {
        addTo(successfulContacts, t.event.person, t as TimedEvent<ContactEvent>);
      }
    }
  }
  const categories = new Set(history.investigation.offences.map((o) => o.category));
  const offenceIn = {} as Record<OffenceList, boolean>;
  for (const list of OFFENCE_LISTS) offenceIn[list] = pack.categories[list].some((c) => categories.has(c));
  const reportedMs = instantMs(history.investigation.reportedAt);
  const reportDate = londonDateOfMs(reportedMs);
  return {
    history,
    pack,
    calendar,
    asOf: toInstant(asOfMs),
    asOfMs,
    today: londonDateOfMs(asOfMs),
    reportedMs,
    reportDate,
    incidentDate: history.investigation.offenceDate ?? reportDate,
    events: timed,
    byPerson,
    byType,
    successfulContacts,
    categories,
    offenceIn,
  };
}

function inTimeOrder(timed: readonly TimedEvent[]): boolean {
  for (let i = 1; i < timed.length; i++) if (timed[i - 1]!.ms > timed[i]!.ms) return false;
  return true;
}

function addTo<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/** Does an offence on the investigation fall in the pack's named category list? */
export function hasOffenceIn(ctx: CaseContext, list: OffenceList): boolean {
  return ctx.offenceIn[list];
}

export function isDomesticAbuse(ctx: CaseContext): boolean {
  return ctx.history.investigation.flags.domesticAbuse;
}

const NO_EVENTS: readonly never[] = [];

export function eventsOfPerson(ctx: CaseContext, personId: string): readonly TimedEvent[] {
  return ctx.byPerson.get(personId) ?? NO_EVENTS;
}

/** The event shape of one type (person events share an interface, so narrow by intersection). */
export type EventOfType<T extends CaseEvent['type']> = CaseEvent & { type: T };

export function eventsOfType<T extends CaseEvent['type']>(
  list: readonly TimedEvent[],
  type: T,
): TimedEvent<EventOfType<T>>[] {
  return list.filter((t) => t.event.type === type) as TimedEvent<EventOfType<T>>[];
}

/** The case's events of one type, oldest first (from the index: do not modify). */
export function caseEventsOfType<T extends CaseEvent['type']>(
  ctx: CaseContext,
  type: T,
): readonly TimedEvent<EventOfType<T>>[] {
  return (ctx.byType.get(type) ?? NO_EVENTS) as readonly TimedEvent<EventOfType<T>>[];
}

export function isVictim(person: PersonFacts): boolean {
  return person.role === 'victim';
}

export function ageAt(person: PersonFacts, date: LocalDate): number | null {
  return person.dateOfBirth ? ageOn(person.dateOfBirth, date) : null;
}

/** Vulnerable in the Code's and YJCEA s.16's sense, with age taken on `ageDate`. */
export function vulnerableReasons(person: PersonFacts, ageDate: LocalDate): string[] {
  const reasons: string[] = [];
  const age = ageAt(person, ageDate);
  if (age !== null && age < 18) reasons.push(`under 18 on ${ageDate} (aged ${age})`);
  for (const v of person.vulnerabilities ?? []) reasons.push(v.replace(/-/g, ' '));
  return reasons;
}

/** Intimidated in the Code's sense (fear or distress; automatically for certain complainants). */
export function intimidatedReasons(ctx: CaseContext, person: PersonFacts): string[] {
  const reasons: string[] = [];
  if (person.fearOrDistress) reasons.push('fear or distress about testifying');
  if (isVictim(person) && person.kind === 'person') {
    if (hasOffenceIn(ctx, 'sexual')) reasons.push('complainant of a sexual offence');
    if (hasOffenceIn(ctx, 'modernSlavery')) {
      reasons.push('complainant of modern slavery or human trafficking');
    }
    if (isDomesticAbuse(ctx)) reasons.push('complainant of an offence amounting to domestic abuse');
  }
  return reasons;
}
