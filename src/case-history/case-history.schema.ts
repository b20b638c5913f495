/**
 * The case-history format (victim-care/case-history@1): a validating reader that reports every problem
 * with its JSON path (`events[3].person: no person with id "v9"`), and never returns a partial result.
 */
import { z } from 'zod';
import { isValidDate } from '../domain/calendar/london-time.js';
import {
  CONTACT_METHODS,
  CONTACT_PURPOSES,
  OFFENCE_CATEGORIES,
  RELATIONSHIPS_TO_SUSPECT,
  SUPPORT_SERVICES,
  SUSPECT_EVENT_TYPES,
  VULNERABILITIES,
  WEEKDAYS,
  type CaseHistory,
} from '../domain/case-history/case-history.types.js';

export const CASE_HISTORY_FORMAT = 'victim-care/case-history@1';

const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export function isValidInstant(value: string): boolean {
  const m = INSTANT.exec(value);
  return m !== null && isValidDate(m[1]!) && !Number.isNaN(Date.parse(value));
}

const text = z.string({ error: 'must be text' });
const id = text.trim().min(1, 'must not be empty');
const instant = text.refine(isValidInstant, {
  message: 'must be an ISO 8601 instant with Z or an offset, e.g. 2026-03-02T10:15:00Z',
});
const date = text.refine(isValidDate, { message: 'must be a date written YYYY-MM-DD' });
const bool = z.boolean({ error: 'must be true or false' });
const oneOf = <const T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, {
    error: (iss) =>
      iss.input === undefined
        ? 'is required'
        : `${JSON.stringify(iss.input)} is not a known ${what} (one of: ${values.join(', ')})`,
  });
const hhmm = text.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');

const offence = z.object({
  category: oneOf(OFFENCE_CATEGORIES, 'offence category'),
  description: text.optional(),
});

export const investigationSchema = z.object({
  urn: id,
  reportedAt: instant,
  offenceDate: date.nullish(),
  offences: z.array(offence).min(1, 'must list at least one offence'),
  flags: z
    .object({
      domesticAbuse: bool.default(false),
      hateCrime: bool.default(false),
      terrorism: bool.default(false),
    })
    .default({ domesticAbuse: false, hateCrime: false, terrorism: false }),
  anticipatedPlea: oneOf(['guilty', 'not-guilty'] as const, 'plea').nullish(),
});

export const contractSchema = z.object({
  preferredMethod: oneOf(CONTACT_METHODS, 'contact method').nullish(),
  updateFrequencyDays: z
    .number()
    .int('must be a whole number of days')
    .positive('must be at least 1')
    .nullish(),
  timesToAvoid: z
    .array(z.object({ days: z.array(oneOf(WEEKDAYS, 'day')).min(1), from: hhmm, to: hhmm }))
    .optional(),
  enhancedRecorded: bool.optional(),
});

export const personSchema = z.object({
  id,
  role: oneOf(['victim', 'witness'] as const, 'role'),
  kind: oneOf(['person', 'business'] as const, 'kind'),
  name: text.optional(),
  dateOfBirth: date.nullish(),
  vulnerabilities: z.array(oneOf(VULNERABILITIES, 'vulnerability')).optional(),
  fearOrDistress: bool.optional(),
  persistentlyTargeted: bool.optional(),
  bereavedCloseRelative: bool.optional(),
  relationshipToSuspect: oneOf(RELATIONSHIPS_TO_SUSPECT, 'relationship').nullish(),
  namedContact: text.nullish(),
  publicSector: bool.optional(),
  contract: contractSchema.optional(),
});

const base = { id, at: instant };
const personal = { ...base, person: id };
const ev = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape });

const PERSON_EVENTS = [
  'victim-care-card',
  'statement',
  'enhanced-recorded',
  'support-referral-declined',
  'updates-declined',
  'updates-resumed',
  'complaint-received',
  'vrr-requested',
  'non-contact-request-submitted',
  'vcs-referral',
] as const;
const INVESTIGATION_EVENTS = [...SUSPECT_EVENT_TYPES, 'hearing-date-received', 'outcome-received'] as const;

const eventSchemas = [
  ev('contact', {
    ...personal,
    method: oneOf(CONTACT_METHODS, 'contact method'),
    outcome: oneOf(['successful', 'unsuccessful'] as const, 'outcome'),
    purposes: z.array(oneOf(CONTACT_PURPOSES, 'purpose')).min(1, 'must list at least one purpose'),
    informs: z.array(id).optional(),
    summary: text.nullish(),
  }),
  ev('needs-assessment', {
    ...personal,
    urn: id,
    personName: text.nullish(),
    dateOfBirth: date.nullish(),
    assessment: z.record(z.string(), text).optional(),
  }),
  ev('vps-offered', { ...personal, accepted: bool.optional() }),
  ev('support-referral', {
    ...personal,
    service: oneOf(SUPPORT_SERVICES, 'support service'),
    consent: oneOf(['explicit', 'implied'] as const, 'consent'),
  }),
  ev('suspect-charged', { ...base, firstHearingDate: date.nullish() }),
  ev('vwcu-handover', {
    ...base,
    handover: z
      .object({
        witnesses: text.nullish(),
        specialMeasures: text.nullish(),
        needs: text.nullish(),
        availability: text.nullish(),
      })
      .optional(),
  }),
  ev('sentence', {
    ...base,
    custodyMonths: z.number({ error: 'must be a number of months' }).min(0, 'must not be negative'),
    hospitalOrder: bool.optional(),
    offenceCategory: oneOf(OFFENCE_CATEGORIES, 'offence category'),
  }),
  ev('complaint-responded', { ...personal, complaint: id }),
  ev('vrr-acknowledged', { ...personal, request: id }),
  ev('vrr-decided', { ...personal, request: id }),
  ev('prison-contact-block-in-place', { ...personal, request: id }),
  ev('filing-letter-sent', { ...personal, justificationApproved: bool.optional() }),
  // Workflow records the rules do not read (SOP 3.2.6-3.2.8, 3.2.10.1, 3.3.1): kept for the timeline and audit.
  ev('special-measures-discussed', {
    ...personal,
    measures: z.array(text).optional(),
    summary: text.nullish(),
  }),
  ev('special-measures-applied', {
    ...personal,
    measures: z.array(text).optional(),
    summary: text.nullish(),
  }),
  ev('special-measures-outcome', {
    ...personal,
    granted: bool,
    measures: z.array(text).optional(),
    summary: text.nullish(),
  }),
  ev('disengagement-reviewed', {
    ...personal,
    avenues: z.array(text).optional(),
    welfareRiskConsidered: bool.optional(),
    elpConsidered: bool.optional(),
    addressVerified: bool.optional(),
    summary: text.nullish(),
  }),
  ev('filing-signed-off', {
    ...personal,
    letterJustificationApproved: bool.optional(),
    justification: text.nullish(),
  }),
  ...PERSON_EVENTS.map((t) => ev(t, personal)),
  ...INVESTIGATION_EVENTS.map((t) => ev(t, base)),
];
export const EVENT_TYPES: readonly string[] = eventSchemas.map((s) => s.shape.type.value);

/** One event of the format, validated by its `type`. */
export const caseEventSchema = z.discriminatedUnion(
  'type',
  eventSchemas as unknown as [(typeof eventSchemas)[0], ...typeof eventSchemas],
  {
    error: (iss) =>
      iss.code === 'invalid_union' && (iss as { note?: string }).note === 'No matching discriminator'
        ? `unknown event type ${JSON.stringify((iss.input as { type?: unknown } | undefined)?.type)}`
        : undefined,
  },
);

export const caseHistorySchema = z.object({
  format: z.literal(CASE_HISTORY_FORMAT, { error: `must be "${CASE_HISTORY_FORMAT}"` }),
  asOf: instant.nullish(),
  investigation: investigationSchema,
  people: z.array(personSchema),
  events: z.array(caseEventSchema),
});

export interface Problem {
  /** JSON path, e.g. `events[3].person`. */
  path: string;
  message: string;
}

export type ReadResult = { ok: true; history: CaseHistory } | { ok: false; problems: Problem[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(document)';
}

/** Which event a reference field must name, by the answering event's type. */
const REFERENCE_TARGETS: Record<string, { field: string; types: string[] }> = {
  'complaint-responded': { field: 'complaint', types: ['complaint-received'] },
  'vrr-acknowledged': { field: 'request', types: ['vrr-requested'] },
  'vrr-decided': { field: 'request', types: ['vrr-requested'] },
  'prison-contact-block-in-place': { field: 'request', types: ['non-contact-request-submitted'] },
};

type Loose = Record<string, unknown>;
const asList = (v: unknown): Loose[] => (Array.isArray(v) ? (v as Loose[]) : []);

/** Problems zod cannot see: unique ids and references to people and events. */
function referenceProblems(doc: Loose): Problem[] {
  const problems: Problem[] = [];
  const people = asList(doc.people);
  const events = asList(doc.events);
  const personIds = new Set<unknown>();
  people.forEach((p, i) => {
    if (personIds.has(p?.id)) {
      problems.push({ path: `people[${i}].id`, message: `duplicate id ${JSON.stringify(p.id)}` });
    }
    personIds.add(p?.id);
  });
  const eventTypes = new Map<unknown, unknown>();
  events.forEach((e, i) => {
    if (eventTypes.has(e?.id)) {
      problems.push({ path: `events[${i}].id`, message: `duplicate id ${JSON.stringify(e.id)}` });
    }
    eventTypes.set(e?.id, e?.type);
  });
  events.forEach((e, i) => {
    if (!e || typeof e !== 'object') return;
    if (typeof e.person === 'string' && !personIds.has(e.person)) {
      problems.push({
        path: `events[${i}].person`,
        message: `no person with id ${JSON.stringify(e.person)}`,
      });
    }
    asList(e.informs).forEach((ref, j) => {
      if (typeof ref === 'string' && !eventTypes.has(ref)) {
        problems.push({
          path: `events[${i}].informs[${j}]`,
          message: `no event with id ${JSON.stringify(ref)}`,
        });
      }
    });
    const target = REFERENCE_TARGETS[String(e.type)];
    const ref = target ? e[target.field] : undefined;
    if (target && typeof ref === 'string') {
      const type = eventTypes.get(ref);
      if (type === undefined) {
        problems.push({
          path: `events[${i}].${target.field}`,
          message: `no event with id ${JSON.stringify(ref)}`,
        });
      } else if (!target.types.includes(String(type))) {
        problems.push({
          path: `events[${i}].${target.field}`,
          message: `event ${JSON.stringify(ref)} is a ${String(type)}, not a ${target.types.join(' or ')}`,
        });
      }
    }
  });
  return problems;
}

/** Validates a parsed document. */
export function readCaseHistoryDocument(doc: unknown): ReadResult {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, problems: [{ path: '(document)', message: 'must be a JSON object' }] };
  }
  const parsed = caseHistorySchema.safeParse(doc);
  const problems: Problem[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({
        path: formatPath(i.path),
        message: i.code === 'invalid_type' && i.input === undefined ? 'is required' : i.message,
      }));
  problems.push(...referenceProblems(doc as Loose));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, history: parsed.data as CaseHistory };
}

/** Parses and validates the text of a case-history file. */
export function readCaseHistory(text: string): ReadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [{ path: '(document)', message: `not JSON: ${(e as Error).message}` }] };
  }
  return readCaseHistoryDocument(doc);
}
