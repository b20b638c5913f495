/**
 * Kysely's view of the schema (see migrations/). Property names are camelCase: `openDatabase` installs
 * Kysely's CamelCasePlugin, which maps them to the snake_case columns. Raw `sql` fragments must use the
 * snake_case names.
 *
 * Representations (identical on PGlite and PostgreSQL, see type-parsers.ts):
 * - `Instant`: timestamptz, read as an ISO 8601 UTC string (`2026-03-02T10:15:00.000Z`); written as any
 *   ISO string with `Z` or an offset.
 * - `LocalDate`: date, read and written as `YYYY-MM-DD`.
 * - `Json<T>`: jsonb, read as the parsed value; written as a JSON string (`JSON.stringify`): `pg` would
 *   turn a JS array parameter into a PostgreSQL array literal.
 * - bigserial / int8: JS number.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  ContactMethod,
  Offence,
  RelationshipToSuspect,
  TimeWindow,
  Vulnerability,
} from '../domain/case-history/case-history.types.js';
import type { ObligationOwner, ObligationStatus } from '../domain/evaluation.types.js';

export type Instant = string;
export type LocalDate = string;
export type Json<T> = ColumnType<T, string, string>;
/** How an imported case-history document wrote a record (case-history.repository.ts); null when nothing to keep. */
export type SourceShape = ColumnType<
  Record<string, unknown> | null,
  string | null | undefined,
  string | null
>;
/** A timestamptz column with a database default (now()). */
export type InstantDefault = ColumnType<Instant, Instant | undefined, Instant>;

export const USER_ROLES = ['officer', 'supervisor', 'imu', 'vwcu', 'compliance', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const INVESTIGATION_STATUSES = ['open', 'charged', 'court', 'filed', 'closed'] as const;
export type InvestigationStatus = (typeof INVESTIGATION_STATUSES)[number];

export type InvestigationFlags = { domesticAbuse: boolean; hateCrime: boolean; terrorism: boolean };
export type PersonLinkKind = 'parent-guardian' | 'nominated-spokesperson';

export interface TeamsTable {
  id: Generated<string>;
  name: string;
  code: string;
  createdAt: InstantDefault;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  displayName: string;
  email: string | null;
  role: UserRole;
  teamId: string | null;
  passwordHash: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  failedAttempts: ColumnType<number, number | undefined, number>;
  lockedUntil: Instant | null;
  createdAt: InstantDefault;
}

export interface SessionsTable {
  /** sha256 (hex) of the session token; the token itself is never stored. */
  id: string;
  userId: string;
  createdAt: InstantDefault;
  lastSeenAt: InstantDefault;
  expiresAt: Instant;
  csrfSecret: string;
}

export interface ApiTokensTable {
  id: Generated<string>;
  name: string;
  /** sha256 (hex) of the token. */
  tokenHash: string;
  userId: string;
  createdAt: InstantDefault;
  lastUsedAt: Instant | null;
  revokedAt: Instant | null;
}

export interface InvestigationsTable {
  id: Generated<string>;
  urn: string;
  reportedAt: Instant;
  offenceDate: LocalDate | null;
  offences: Json<Offence[]>;
  flags: Json<InvestigationFlags>;
  anticipatedPlea: 'guilty' | 'not-guilty' | null;
  status: ColumnType<InvestigationStatus, InvestigationStatus | undefined, InvestigationStatus>;
  officerInChargeId: string | null;
  teamId: string | null;
  restricted: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: InstantDefault;
  updatedAt: InstantDefault;
  /** Optimistic concurrency: every write to the investigation's facts bumps it. */
  version: ColumnType<number, number | undefined, number>;
  sourceShape: SourceShape;
  /** The calendar version its obligations were derived with (0: before any change, or not known). */
  derivedCalendarVersion: ColumnType<number, number | undefined, number>;
}

export interface InvestigationAccessTable {
  investigationId: string;
  userId: string;
  grantedBy: string | null;
  grantedAt: InstantDefault;
}

export interface PeopleTable {
  id: Generated<string>;
  investigationId: string;
  /** The case-history id (`v1`, `w2`), unique within the investigation. */
  ref: string;
  role: 'victim' | 'witness';
  kind: 'person' | 'business';
  name: string | null;
  dateOfBirth: LocalDate | null;
  vulnerabilities: Json<Vulnerability[]>;
  fearOrDistress: ColumnType<boolean, boolean | undefined, boolean>;
  persistentlyTargeted: ColumnType<boolean, boolean | undefined, boolean>;
  bereavedCloseRelative: ColumnType<boolean, boolean | undefined, boolean>;
  relationshipToSuspect: RelationshipToSuspect | null;
  namedContact: string | null;
  publicSector: ColumnType<boolean, boolean | undefined, boolean>;
  phone: string | null;
  email: string | null;
  address: string | null;
  /** A parent/guardian or nominated spokesperson: the person they act for. */
  linkedToPersonId: string | null;
  linkKind: PersonLinkKind | null;
  createdAt: InstantDefault;
  updatedAt: InstantDefault;
  sourceShape: SourceShape;
}

export interface ContractsTable {
  personId: string;
  preferredMethod: ContactMethod | null;
  updateFrequencyDays: number | null;
  timesToAvoid: Json<TimeWindow[]>;
  enhancedRecorded: ColumnType<boolean, boolean | undefined, boolean>;
  updatedAt: InstantDefault;
}

export interface EventsTable {
  id: Generated<string>;
  /** Insertion order, the tie-break for events at the same instant. */
  seq: Generated<number>;
  investigationId: string;
  /** The case-history id (`e1`), unique within the investigation. */
  ref: string;
  type: string;
  at: Instant;
  personId: string | null;
  recordedBy: string | null;
  recordedAt: InstantDefault;
  /** The type-specific fields exactly as the case-history format names them (event refs as refs). */
  details: Json<Record<string, unknown>>;
  /** The instant exactly as an imported document wrote it, when not in the export's canonical form. */
  sourceAt: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ObligationsTable {
  id: Generated<number>;
  investigationId: string;
  personId: string | null;
  rule: string;
  triggerEventId: string | null;
  dueDate: LocalDate;
  status: ObligationStatus;
  metAt: Instant | null;
  metByEventId: string | null;
  owner: ObligationOwner;
  /** Denormalised: the OIC for `owner = 'oic'`, else null. */
  ownerUserId: string | null;
  /** Denormalised: the investigation's team. */
  teamId: string | null;
  /** Denormalised for the compliance report: under 18 at the offence; null when the age is not recorded. */
  under18: boolean | null;
  /** Denormalised for the compliance report: counted as enhanced (src/domain/report-breakdown.ts). */
  enhanced: Generated<boolean>;
  source: string;
  title: string;
  derivedAt: Instant;
}

export interface FindingsTable {
  id: Generated<number>;
  investigationId: string;
  personId: string | null;
  code: string;
  rule: string | null;
  eventId: string | null;
  message: string;
  source: string;
  derivedAt: Instant;
}

export interface AuditLogTable {
  id: number;
  at: Instant;
  userId: string | null;
  action: string;
  recordType: string;
  recordId: string | null;
  investigationId: string | null;
  reason: string | null;
  detail: Json<Record<string, unknown>>;
  prevHash: string;
  hash: string;
}

export interface LettersTable {
  id: Generated<string>;
  investigationId: string;
  personId: string | null;
  kind: string;
  createdBy: string | null;
  createdAt: InstantDefault;
  pdf: Uint8Array;
  eventId: string | null;
}

export interface BreachesTable {
  id: Generated<number>;
  investigationId: string;
  personId: string | null;
  rule: string;
  triggerEventId: string | null;
  dueDate: LocalDate;
  reason: string;
  remedialAction: string | null;
  signedOffBy: string | null;
  signedOffAt: Instant | null;
  createdBy: string | null;
  createdAt: InstantDefault;
}

export interface DipSamplesTable {
  id: Generated<number>;
  eventId: string;
  supervisorId: string;
  drawnAt: InstantDefault;
  outcome: string | null;
  notes: string | null;
  reviewedAt: Instant | null;
}

export interface BankHolidaysTable {
  date: LocalDate;
  name: string;
  source: 'shipped' | 'admin';
}

/** One row (id 1): the working-day calendar's version, bumped by every change an administrator makes. */
export interface CalendarStateTable {
  id: number;
  version: number;
}

export type CalendarChangeKind = 'added' | 'removed';

/** One row per change to the working-day calendar; `version` is the calendar version it made. */
export interface CalendarChangesTable {
  version: number;
  date: LocalDate;
  change: CalendarChangeKind;
  name: string | null;
  changedAt: InstantDefault;
  changedBy: string | null;
  /** When the investigations the change affects were put on the re-derivation queue; null until then. */
  queuedAt: Instant | null;
}

/** The re-derivation queue: an investigation to re-derive with at least `calendarVersion`. */
export interface CalendarRederivationsTable {
  investigationId: string;
  calendarVersion: number;
  failedAt: Instant | null;
  error: string | null;
}

export interface Database {
  teams: TeamsTable;
  users: UsersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  investigations: InvestigationsTable;
  investigationAccess: InvestigationAccessTable;
  people: PeopleTable;
  contracts: ContractsTable;
  events: EventsTable;
  obligations: ObligationsTable;
  findings: FindingsTable;
  auditLog: AuditLogTable;
  letters: LettersTable;
  breaches: BreachesTable;
  dipSamples: DipSamplesTable;
  bankHolidays: BankHolidaysTable;
  calendarState: CalendarStateTable;
  calendarChanges: CalendarChangesTable;
  calendarRederivations: CalendarRederivationsTable;
}

export type Team = Selectable<TeamsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserPatch = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type ApiToken = Selectable<ApiTokensTable>;
export type Investigation = Selectable<InvestigationsTable>;
export type Person = Selectable<PeopleTable>;
export type Contract = Selectable<ContractsTable>;
export type EventRow = Selectable<EventsTable>;
export type ObligationRow = Selectable<ObligationsTable>;
export type FindingRow = Selectable<FindingsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type Letter = Selectable<LettersTable>;
export type Breach = Selectable<BreachesTable>;
export type DipSample = Selectable<DipSamplesTable>;
export type BankHoliday = Selectable<BankHolidaysTable>;
export type CalendarChange = Selectable<CalendarChangesTable>;
