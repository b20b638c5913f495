/**
 * Round-trip exactness for import → export. The store keeps facts in typed columns: an instant comes
 * back as `2026-03-03T08:30:00.000Z`, an absent optional field comes back as its default (null, [], false).
 * On import we note, per record, only what the columns lose — optional fields a document gave with their
 * default value, the document's `asOf`, the order of its people, and instants written in another form than
 * the document's own — and export uses that note to write the same document back.
 *
 * Export rule (also for records made in the application, which have no note): an optional field is
 * written when its value is not the default or the document had it; instants are written in the
 * document's form (`…:00Z`, or `…:00.000Z` when the document wrote milliseconds), or exactly as the
 * document wrote them (`+01:00` offsets, no seconds) when that differs and still denotes the same instant.
 */
import { CASE_HISTORY_FORMAT } from '../case-history/case-history.schema.js';
import type { CaseHistory } from '../domain/case-history/case-history.types.js';
import type { InvestigationShape, PersonShape, StoredCaseHistory } from '../store/case-history.repository.js';

type Loose = Record<string, unknown>;

const INVESTIGATION_DEFAULTS: Record<string, unknown> = { offenceDate: null, anticipatedPlea: null };
const FLAG_KEYS = ['domesticAbuse', 'hateCrime', 'terrorism'] as const;
const PERSON_DEFAULTS: Record<string, unknown> = {
  name: null,
  dateOfBirth: null,
  vulnerabilities: [],
  fearOrDistress: false,
  persistentlyTargeted: false,
  bereavedCloseRelative: false,
  relationshipToSuspect: null,
  namedContact: null,
  publicSector: false,
};
const CONTRACT_DEFAULTS: Record<string, unknown> = {
  preferredMethod: null,
  updateFrequencyDays: null,
  timesToAvoid: [],
  enhancedRecorded: false,
};

const isDefault = (value: unknown, def: unknown): boolean =>
  value === undefined || value === null
    ? true
    : Array.isArray(def)
      ? Array.isArray(value) && value.length === 0
      : value === def;

export type InstantForm = 'seconds' | 'ms';

/** An instant in export form: `…T08:30:00Z` (`…T08:30:00.250Z` with milliseconds), or always with `.mmm`. */
export function canonicalInstant(iso: string, form: InstantForm): string {
  return instantForms(iso)[form];
}

/** Both export forms of an instant: `seconds` (`…:00Z`, `…:00.250Z`) and `ms` (`…:00.000Z`, `…:00.250Z`). */
export function instantForms(iso: string): Record<InstantForm, string> {
  return utcFormsByText(iso) ?? utcFormsByDate(iso);
}

/** The forms through `Date` (any text `Date.parse` reads; throws a RangeError on one it cannot). */
function utcFormsByDate(iso: string): Record<InstantForm, string> {
  const ms = new Date(Date.parse(iso)).toISOString();
  return { ms, seconds: ms.endsWith('.000Z') ? `${ms.slice(0, -5)}Z` : ms };
}

const UTC_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{3})?Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The forms by string operations, for text already in `Date`'s own form (`YYYY-MM-DDTHH:MM:SS[.mmm]Z`, a
 * real day and time): the same as `utcFormsByDate` gives, without parsing. Anything else (offsets, no
 * seconds, other fractions, days `Date` would roll over such as `02-30` or `24:00`) is left to `Date`.
 */
function utcFormsByText(iso: string): Record<InstantForm, string> | null {
  const m = UTC_INSTANT.exec(iso);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) {
    return null;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (month === 2 && leap ? 1 : 0)) return null;
  const fraction = m[7];
  if (fraction === undefined) return { ms: `${iso.slice(0, -1)}.000Z`, seconds: iso };
  return { ms: iso, seconds: fraction === '.000' ? `${iso.slice(0, -5)}Z` : iso };
}

export interface DocumentShape {
  investigation: InvestigationShape | null;
  people: (PersonShape | null)[];
  eventSourceAts: (string | null)[];
}

const asObject = (v: unknown): Loose =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {};

/** What the columns will lose of a validated document (`raw` is the parsed JSON, `history` what the reader made of it). */
export function shapeOfDocument(raw: unknown, history: CaseHistory): DocumentShape {
  const doc = asObject(raw);
  const rawInv = asObject(doc.investigation);
  const rawPeople = Array.isArray(doc.people) ? (doc.people as unknown[]).map(asObject) : [];
  // Each instant's forms once (index 0 the report, then the events in order).
  const instants = [history.investigation.reportedAt, ...history.events.map((e) => e.at)];
  const forms = instants.map(instantForms);
  let inMs = 0;
  let inSeconds = 0;
  instants.forEach((x, i) => {
    if (forms[i]!.ms === x) inMs++;
    if (forms[i]!.seconds === x) inSeconds++;
  });
  const form: InstantForm = inMs > inSeconds ? 'ms' : 'seconds';
  const asWritten = (i: number): boolean => forms[i]![form] === instants[i];

  const inv: InvestigationShape = {};
  if ('asOf' in doc) inv.asOf = (doc.asOf as string | null | undefined) ?? null;
  if (form === 'ms') inv.instants = 'ms';
  if (!asWritten(0)) inv.reportedAt = history.investigation.reportedAt;
  const present = Object.keys(INVESTIGATION_DEFAULTS).filter(
    (k) =>
      k in rawInv && isDefault((history.investigation as unknown as Loose)[k], INVESTIGATION_DEFAULTS[k]),
  );
  const flags = history.investigation.flags;
  if ('flags' in rawInv && !FLAG_KEYS.some((k) => flags[k])) present.push('flags');
  if (present.length > 0) inv.present = present;
  const rawFlags = asObject(rawInv.flags);
  if ('flags' in rawInv && !FLAG_KEYS.every((k) => k in rawFlags)) {
    inv.flagKeys = FLAG_KEYS.filter((k) => k in rawFlags);
  }
  if (history.people.length > 1) inv.people = history.people.map((p) => p.id);

  const people = history.people.map((p, i): PersonShape | null => {
    const rawPerson = rawPeople[i] ?? {};
    const shape: PersonShape = {};
    const given = Object.keys(PERSON_DEFAULTS).filter(
      (k) => k in rawPerson && isDefault((p as unknown as Loose)[k], PERSON_DEFAULTS[k]),
    );
    if (given.length > 0) shape.present = given;
    const rawContract = asObject(rawPerson.contract);
    if (p.contract) {
      const c = Object.keys(CONTRACT_DEFAULTS).filter(
        (k) => k in rawContract && isDefault((p.contract as unknown as Loose)[k], CONTRACT_DEFAULTS[k]),
      );
      if (c.length > 0) shape.contract = c;
    }
    return Object.keys(shape).length > 0 ? shape : null;
  });
  const eventSourceAts = history.events.map((e, i) => (asWritten(i + 1) ? null : e.at));
  return { investigation: Object.keys(inv).length > 0 ? inv : null, people, eventSourceAts };
}

/** Writes an optional field when it is not the default or the document had it. */
function optional(
  out: Loose,
  key: string,
  value: unknown,
  def: unknown,
  given: readonly string[] | undefined,
): void {
  if (!isDefault(value, def) || given?.includes(key)) out[key] = value ?? (Array.isArray(def) ? [] : def);
}

/** The case-history document of a stored investigation (see the module comment for the rule). */
export function documentOf(stored: StoredCaseHistory): Loose {
  const inv = stored.investigation;
  const shape = (inv.sourceShape ?? {}) as InvestigationShape;
  const form: InstantForm = shape.instants === 'ms' ? 'ms' : 'seconds';
  const instant = (stored: string, asWritten: string | null | undefined): string =>
    asWritten && Date.parse(asWritten) === Date.parse(stored) ? asWritten : canonicalInstant(stored, form);

  const investigation: Loose = { urn: inv.urn, reportedAt: instant(inv.reportedAt, shape.reportedAt) };
  optional(investigation, 'offenceDate', inv.offenceDate, null, shape.present);
  investigation.offences = inv.offences;
  const flags = inv.flags;
  if (FLAG_KEYS.some((k) => flags[k]) || shape.present?.includes('flags')) {
    const keys = shape.flagKeys;
    investigation.flags = Object.fromEntries(
      FLAG_KEYS.filter((k) => !keys || keys.includes(k) || flags[k]).map((k) => [k, flags[k] ?? false]),
    );
  }
  optional(investigation, 'anticipatedPlea', inv.anticipatedPlea, null, shape.present);

  const order = shape.people ?? [];
  const rank = (ref: string) => {
    const i = order.indexOf(ref);
    return i === -1 ? order.length : i;
  };
  const people = [...stored.people]
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p.ref) - rank(b.p.ref) || a.i - b.i)
    .map(({ p }) => {
      const ps = (p.sourceShape ?? {}) as PersonShape;
      const out: Loose = { id: p.ref, role: p.role, kind: p.kind };
      optional(out, 'name', p.name, null, ps.present);
      optional(out, 'dateOfBirth', p.dateOfBirth, null, ps.present);
      optional(out, 'vulnerabilities', p.vulnerabilities, [], ps.present);
      optional(out, 'fearOrDistress', p.fearOrDistress, false, ps.present);
      optional(out, 'persistentlyTargeted', p.persistentlyTargeted, false, ps.present);
      optional(out, 'bereavedCloseRelative', p.bereavedCloseRelative, false, ps.present);
      optional(out, 'relationshipToSuspect', p.relationshipToSuspect, null, ps.present);
      optional(out, 'namedContact', p.namedContact, null, ps.present);
      optional(out, 'publicSector', p.publicSector, false, ps.present);
      if (p.contract) {
        const c: Loose = {};
        optional(c, 'preferredMethod', p.contract.preferredMethod, null, ps.contract);
        optional(c, 'updateFrequencyDays', p.contract.updateFrequencyDays, null, ps.contract);
        optional(c, 'timesToAvoid', p.contract.timesToAvoid, [], ps.contract);
        optional(c, 'enhancedRecorded', p.contract.enhancedRecorded, false, ps.contract);
        out.contract = c;
      }
      return out;
    });

  const events = stored.events.map((e) => ({
    id: e.ref,
    at: instant(e.at, e.sourceAt),
    type: e.type,
    ...(e.personRef !== null ? { person: e.personRef } : {}),
    ...e.details,
  }));

  return {
    format: CASE_HISTORY_FORMAT,
    ...('asOf' in shape ? { asOf: shape.asOf } : {}),
    investigation,
    people,
    events,
  };
}

/** `46/1234/26` → `46-1234-26.json` */
export function exportFileName(urn: string): string {
  return `${urn.replace(/\//g, '-')}.json`;
}
