import type { CaseEvent, CaseHistory, PersonFacts } from '../domain/case-history/case-history.types.js';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Finding, Obligation } from '../domain/evaluation.types.js';
import type { PersonBreakdown } from '../domain/report-breakdown.js';
import type { Db } from './database.js';
import type { Contract, EventRow, Investigation, InvestigationStatus, Person } from './database.types.js';
import { EventsRepository } from './events.repository.js';
import { InvestigationsRepository } from './investigations.repository.js';
import { breakdownColumns } from './obligations.repository.js';
import { PeopleRepository } from './people.repository.js';

export interface ImportOptions {
  officerInChargeId?: string | null;
  teamId?: string | null;
  recordedBy?: string | null;
  restricted?: boolean;
  status?: InvestigationStatus;
}

/**
 * How an imported document wrote its investigation, where the columns cannot keep it (all optional;
 * stored as null when empty). See `docs/case-history-format.md` "Import and export".
 */
export interface InvestigationShape {
  /** The document's `asOf` exactly as written, when the key was there (null included). */
  asOf?: string | null;
  /** `ms` when the document wrote instants as `…T08:30:00.000Z`; otherwise `…T08:30:00Z`. */
  instants?: 'ms';
  /** `reportedAt` as written, when not in the document's instant form. */
  reportedAt?: string;
  /** Optional investigation fields the document gave with their default value (null, false). */
  present?: string[];
  /** The keys `flags` had, when not all three. */
  flagKeys?: string[];
  /** The document's order of people (refs), when it had more than one. */
  people?: string[];
}

export interface PersonShape {
  /** Optional person fields the document gave with their default value (null, [], false). */
  present?: string[];
  /** The same for the contract's fields. */
  contract?: string[];
}

/** One validated case, evaluated in memory, ready to be written by `insertMany`. */
export interface NewImportedCase {
  history: CaseHistory;
  investigationShape: InvestigationShape | null;
  /** By index of `history.people`. */
  personShapes: readonly (PersonShape | null)[];
  /** By index of `history.events`: the instant as written when not in the document's form. */
  eventSourceAts: readonly (string | null)[];
  status: InvestigationStatus;
  officerInChargeId: string | null;
  teamId: string | null;
  restricted?: boolean;
  obligations: readonly Obligation[];
  findings: readonly Finding[];
  /** The compliance report's age band and enhanced, by person ref (`reportBreakdowns`). */
  breakdowns: ReadonlyMap<string, PersonBreakdown>;
}

export interface ImportCounts {
  investigations: number;
  people: number;
  events: number;
  obligations: number;
  findings: number;
}

/** What export reads back: the stored facts (instants as the store gives them) and the kept shape. */
export interface StoredCaseHistory {
  investigation: Investigation;
  people: (Person & { contract: Contract | null })[];
  /** In recording order (the document's order for imported events). */
  events: (EventRow & { personRef: string | null })[];
}

let lastMs = 0;
let sequence = 0;
/**
 * A time-ordered UUID (version 7 layout: 48-bit milliseconds, 12-bit sequence, random rest). Bulk imports
 * use it so that new rows land at the right-hand edge of the primary-key and foreign-key indexes instead of
 * on random pages, which keeps a million-case import in memory.
 */
export function timeOrderedUuid(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMs++;
    sequence = 0;
  }
  const ms = lastMs.toString(16).padStart(12, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${sequence.toString(16).padStart(3, '0')}${randomUUID().slice(18)}`;
}

const nonEmpty = (shape: object | null): string | null =>
  shape !== null && Object.keys(shape).length > 0 ? JSON.stringify(shape) : null;

/**
 * Moves whole case histories (the domain's `CaseHistory`) in and out of the store. Case-history ids
 * become `ref`s; event fields other than id/at/type/person go to `events.details` under their format
 * names. Run `importCaseHistory` inside a transaction.
 */
export class CaseHistoryRepository {
  constructor(private readonly db: Db) {}

  async importCaseHistory(history: CaseHistory, options: ImportOptions = {}): Promise<Investigation> {
    const inv = history.investigation;
    const investigation = await new InvestigationsRepository(this.db).create({
      urn: inv.urn,
      reportedAt: inv.reportedAt,
      offenceDate: inv.offenceDate ?? null,
      offences: inv.offences,
      flags: inv.flags,
      anticipatedPlea: inv.anticipatedPlea ?? null,
      officerInChargeId: options.officerInChargeId ?? null,
      teamId: options.teamId ?? null,
      restricted: options.restricted ?? false,
      ...(options.status ? { status: options.status } : {}),
    });
    const people = new PeopleRepository(this.db);
    const personIds = new Map<string, string>();
    for (const p of history.people) {
      const row = await people.create({
        investigationId: investigation.id,
        ref: p.id,
        role: p.role,
        kind: p.kind,
        name: p.name ?? null,
        dateOfBirth: p.dateOfBirth ?? null,
        vulnerabilities: p.vulnerabilities ?? [],
        fearOrDistress: p.fearOrDistress ?? false,
        persistentlyTargeted: p.persistentlyTargeted ?? false,
        bereavedCloseRelative: p.bereavedCloseRelative ?? false,
        relationshipToSuspect: p.relationshipToSuspect ?? null,
        namedContact: p.namedContact ?? null,
        publicSector: p.publicSector ?? false,
      });
      personIds.set(p.id, row.id);
      if (p.contract) await people.upsertContract(row.id, p.contract);
    }
    const events = new EventsRepository(this.db);
    for (const e of history.events) {
      const { id, at, type, ...rest } = e as CaseEvent & { person?: string };
      const { person, ...details } = rest as { person?: string } & Record<string, unknown>;
      await events.append({
        investigationId: investigation.id,
        ref: id,
        type,
        at,
        personId: person === undefined ? null : (personIds.get(person) ?? null),
        recordedBy: options.recordedBy ?? null,
        details,
      });
    }
    return investigation;
  }

  /** Investigations with these URNs that already exist. */
  async findByUrns(urns: readonly string[]): Promise<{ id: string; urn: string }[]> {
    const out: { id: string; urn: string }[] = [];
    for (let i = 0; i < urns.length; i += 5000) {
      const chunk = urns.slice(i, i + 5000);
      if (chunk.length === 0) continue;
      out.push(
        ...(await this.db
          .selectFrom('investigations')
          .select(['id', 'urn'])
          .where('urn', 'in', chunk)
          .execute()),
      );
    }
    return out;
  }

  /** Deletes investigations and everything under them (people, events, derived rows cascade). */
  async deleteInvestigations(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const r = await this.db
      .deleteFrom('investigations')
      .where('id', 'in', [...ids])
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /**
   * Writes many evaluated cases with one multi-row INSERT per table (`insert … select from unnest(…)`,
   * a fixed handful of array parameters whatever the batch size). Ids are made here so that people,
   * events, obligations and findings can refer to each other without reading anything back. Run inside
   * a transaction; the caller has checked that the URNs are free.
   */
  async insertMany(
    cases: readonly NewImportedCase[],
    options: { recordedBy?: string | null; derivedAt: string },
  ): Promise<ImportCounts & { ids: string[] }> {
    const inv = columns(12);
    const ppl = columns(15);
    const con = columns(5);
    const evs = columns(9);
    const obl = columns(16);
    const fnd = columns(8);
    const ids: string[] = [];
    const recordedBy = options.recordedBy ?? null;
    for (const c of cases) {
      const h = c.history;
      const investigationId = timeOrderedUuid();
      ids.push(investigationId);
      inv.push([
        investigationId,
        h.investigation.urn,
        h.investigation.reportedAt,
        h.investigation.offenceDate ?? null,
        JSON.stringify(h.investigation.offences),
        JSON.stringify(h.investigation.flags),
        h.investigation.anticipatedPlea ?? null,
        c.status,
        c.officerInChargeId,
        c.teamId,
        c.restricted ?? false,
        nonEmpty(c.investigationShape),
      ]);
      const personIds = new Map<string, string>();
      h.people.forEach((p, i) => {
        const id = timeOrderedUuid();
        personIds.set(p.id, id);
        ppl.push([
          id,
          investigationId,
          p.id,
          p.role,
          p.kind,
          p.name ?? null,
          p.dateOfBirth ?? null,
          JSON.stringify(p.vulnerabilities ?? []),
          p.fearOrDistress ?? false,
          p.persistentlyTargeted ?? false,
          p.bereavedCloseRelative ?? false,
          p.relationshipToSuspect ?? null,
          p.namedContact ?? null,
          p.publicSector ?? false,
          nonEmpty(c.personShapes[i] ?? null),
        ]);
        if (p.contract) {
          con.push([
            id,
            p.contract.preferredMethod ?? null,
            p.contract.updateFrequencyDays ?? null,
            JSON.stringify(p.contract.timesToAvoid ?? []),
            p.contract.enhancedRecorded ?? false,
          ]);
        }
      });
      const eventIds = new Map<string, string>();
      h.events.forEach((e, i) => {
        const id = timeOrderedUuid();
        eventIds.set(e.id, id);
        const { id: ref, at, type, ...rest } = e as CaseEvent & { person?: string };
        const { person, ...details } = rest as { person?: string } & Record<string, unknown>;
        evs.push([
          id,
          investigationId,
          ref,
          type,
          at,
          person === undefined ? null : (personIds.get(person) ?? null),
          recordedBy,
          JSON.stringify(details),
          c.eventSourceAts[i] ?? null,
        ]);
      });
      const ref = (map: Map<string, string>, key: string | null, what: string): string | null => {
        if (key === null) return null;
        const id = map.get(key);
        if (id === undefined) {
          throw new Error(`${h.investigation.urn}: derived row refers to unknown ${what} "${key}"`);
        }
        return id;
      };
      for (const o of c.obligations) {
        const report = breakdownColumns(c.breakdowns, o.person);
        obl.push([
          investigationId,
          ref(personIds, o.person, 'person'),
          o.rule,
          ref(eventIds, o.trigger, 'event'),
          o.dueDate,
          o.status,
          o.metAt,
          ref(eventIds, o.metBy, 'event'),
          o.owner,
          o.owner === 'oic' ? c.officerInChargeId : null,
          c.teamId,
          o.source,
          o.title,
          options.derivedAt,
          report.under18,
          report.enhanced,
        ]);
      }
      for (const f of c.findings) {
        fnd.push([
          investigationId,
          ref(personIds, f.person, 'person'),
          f.code,
          f.rule,
          ref(eventIds, f.event, 'event'),
          f.message,
          f.source,
          options.derivedAt,
        ]);
      }
    }
    const db = this.db;
    if (inv.rows > 0) {
      await sql`insert into investigations (id, urn, reported_at, offence_date, offences, flags, anticipated_plea, status,
          officer_in_charge_id, team_id, restricted, source_shape)
        select * from unnest(${inv.c[0]}::uuid[], ${inv.c[1]}::text[], ${inv.c[2]}::timestamptz[], ${inv.c[3]}::date[],
          ${inv.c[4]}::jsonb[], ${inv.c[5]}::jsonb[], ${inv.c[6]}::text[], ${inv.c[7]}::text[], ${inv.c[8]}::uuid[],
          ${inv.c[9]}::uuid[], ${inv.c[10]}::boolean[], ${inv.c[11]}::jsonb[])`.execute(db);
    }
    if (ppl.rows > 0) {
      await sql`insert into people (id, investigation_id, ref, role, kind, name, date_of_birth, vulnerabilities,
          fear_or_distress, persistently_targeted, bereaved_close_relative, relationship_to_suspect, named_contact,
          public_sector, source_shape)
        select * from unnest(${ppl.c[0]}::uuid[], ${ppl.c[1]}::uuid[], ${ppl.c[2]}::text[], ${ppl.c[3]}::text[],
          ${ppl.c[4]}::text[], ${ppl.c[5]}::text[], ${ppl.c[6]}::date[], ${ppl.c[7]}::jsonb[], ${ppl.c[8]}::boolean[],
          ${ppl.c[9]}::boolean[], ${ppl.c[10]}::boolean[], ${ppl.c[11]}::text[], ${ppl.c[12]}::text[],
          ${ppl.c[13]}::boolean[], ${ppl.c[14]}::jsonb[])`.execute(db);
    }
    if (con.rows > 0) {
      await sql`insert into contracts (person_id, preferred_method, update_frequency_days, times_to_avoid, enhanced_recorded)
        select * from unnest(${con.c[0]}::uuid[], ${con.c[1]}::text[], ${con.c[2]}::integer[], ${con.c[3]}::jsonb[],
          ${con.c[4]}::boolean[])`.execute(db);
    }
    if (evs.rows > 0) {
      // One statement: `seq` (the tie-break, and export's order) follows the array order.
      await sql`insert into events (id, investigation_id, ref, type, at, person_id, recorded_by, details, source_at)
        select * from unnest(${evs.c[0]}::uuid[], ${evs.c[1]}::uuid[], ${evs.c[2]}::text[], ${evs.c[3]}::text[],
          ${evs.c[4]}::timestamptz[], ${evs.c[5]}::uuid[], ${evs.c[6]}::uuid[], ${evs.c[7]}::jsonb[],
          ${evs.c[8]}::text[])`.execute(db);
    }
    if (obl.rows > 0) {
      await sql`insert into obligations (investigation_id, person_id, rule, trigger_event_id, due_date, status, met_at,
          met_by_event_id, owner, owner_user_id, team_id, source, title, derived_at, under18, enhanced)
        select * from unnest(${obl.c[0]}::uuid[], ${obl.c[1]}::uuid[], ${obl.c[2]}::text[], ${obl.c[3]}::uuid[],
          ${obl.c[4]}::date[], ${obl.c[5]}::text[], ${obl.c[6]}::timestamptz[], ${obl.c[7]}::uuid[], ${obl.c[8]}::text[],
          ${obl.c[9]}::uuid[], ${obl.c[10]}::uuid[], ${obl.c[11]}::text[], ${obl.c[12]}::text[],
          ${obl.c[13]}::timestamptz[], ${obl.c[14]}::boolean[], ${obl.c[15]}::boolean[])`.execute(db);
    }
    if (fnd.rows > 0) {
      await sql`insert into findings (investigation_id, person_id, code, rule, event_id, message, source, derived_at)
        select * from unnest(${fnd.c[0]}::uuid[], ${fnd.c[1]}::uuid[], ${fnd.c[2]}::text[], ${fnd.c[3]}::text[],
          ${fnd.c[4]}::uuid[], ${fnd.c[5]}::text[], ${fnd.c[6]}::text[], ${fnd.c[7]}::timestamptz[])`.execute(
        db,
      );
    }
    return {
      ids,
      investigations: inv.rows,
      people: ppl.rows,
      events: evs.rows,
      obligations: obl.rows,
      findings: fnd.rows,
    };
  }

  /**
   * After a bulk import changed the case tables a lot: refreshes the planner's statistics and, outside a
   * transaction, vacuums them too, so that the visibility map is set and the worklist counts are
   * index-only scans from the first request (without it they visit every open row's heap page until
   * autovacuum comes round). VACUUM cannot run inside a transaction; there only ANALYZE is run.
   */
  async analyze(): Promise<void> {
    const tables = sql`investigations, people, contracts, events, obligations, findings`;
    if (this.db.isTransaction) await sql`analyze ${tables}`.execute(this.db);
    else await sql`vacuum (analyze) ${tables}`.execute(this.db);
  }

  /** Investigation ids in URN order after `afterUrn` (export --all pages through them). */
  listIdsByUrn(
    afterUrn: string | null,
    limit: number,
  ): Promise<{ id: string; urn: string; restricted: boolean }[]> {
    let q = this.db.selectFrom('investigations').select(['id', 'urn', 'restricted']);
    if (afterUrn !== null) q = q.where('urn', '>', afterUrn);
    return q.orderBy('urn').limit(limit).execute();
  }

  /** The stored facts and kept shape of several investigations, for export (three queries in all). */
  async loadStored(investigationIds: readonly string[]): Promise<StoredCaseHistory[]> {
    if (investigationIds.length === 0) return [];
    const ids = [...investigationIds];
    const [investigations, people, contracts, events] = await Promise.all([
      this.db.selectFrom('investigations').selectAll().where('id', 'in', ids).execute(),
      this.db
        .selectFrom('people')
        .selectAll()
        .where('investigationId', 'in', ids)
        .orderBy('createdAt')
        .orderBy('ref')
        .execute(),
      this.db
        .selectFrom('contracts as c')
        .innerJoin('people as p', 'p.id', 'c.personId')
        .selectAll('c')
        .where('p.investigationId', 'in', ids)
        .execute(),
      this.db
        .selectFrom('events as e')
        .leftJoin('people as p', 'p.id', 'e.personId')
        .selectAll('e')
        .select('p.ref as personRef')
        .where('e.investigationId', 'in', ids)
        .orderBy('e.seq')
        .execute(),
    ]);
    const contractOf = new Map(contracts.map((c) => [c.personId, c]));
    const byId = new Map<string, StoredCaseHistory>();
    for (const i of investigations) byId.set(i.id, { investigation: i, people: [], events: [] });
    for (const p of people) {
      byId.get(p.investigationId)?.people.push({ ...p, contract: contractOf.get(p.id) ?? null });
    }
    for (const e of events) byId.get(e.investigationId)?.events.push(e);
    return ids.map((id) => byId.get(id)).filter((x): x is StoredCaseHistory => x !== undefined);
  }

  /** The facts of one investigation as a case history (normalised: every person field present). */
  async load(investigationId: string, asOf?: string | null): Promise<CaseHistory | undefined> {
    const investigation = await new InvestigationsRepository(this.db).getById(investigationId);
    if (!investigation) return undefined;
    const [people, events] = await Promise.all([
      new PeopleRepository(this.db).listByInvestigation(investigationId),
      new EventsRepository(this.db).listByInvestigation(investigationId),
    ]);
    return {
      format: 'victim-care/case-history@1',
      ...(asOf !== undefined ? { asOf } : {}),
      investigation: {
        urn: investigation.urn,
        reportedAt: investigation.reportedAt,
        offenceDate: investigation.offenceDate,
        offences: investigation.offences,
        flags: investigation.flags,
        anticipatedPlea: investigation.anticipatedPlea,
      },
      people: people.map((p): PersonFacts => ({
        id: p.ref,
        role: p.role,
        kind: p.kind,
        ...(p.name !== null ? { name: p.name } : {}),
        dateOfBirth: p.dateOfBirth,
        vulnerabilities: p.vulnerabilities,
        fearOrDistress: p.fearOrDistress,
        persistentlyTargeted: p.persistentlyTargeted,
        bereavedCloseRelative: p.bereavedCloseRelative,
        relationshipToSuspect: p.relationshipToSuspect,
        namedContact: p.namedContact,
        publicSector: p.publicSector,
        ...(p.contract
          ? {
              contract: {
                preferredMethod: p.contract.preferredMethod,
                updateFrequencyDays: p.contract.updateFrequencyDays,
                timesToAvoid: p.contract.timesToAvoid,
                enhancedRecorded: p.contract.enhancedRecorded,
              },
            }
          : {}),
      })),
      events: events.map(
        (e) =>
          ({
            id: e.ref,
            at: e.at,
            type: e.type,
            ...(e.personRef !== null ? { person: e.personRef } : {}),
            ...e.details,
          }) as unknown as CaseEvent,
      ),
    };
  }
}

/** Column-wise arrays for `unnest`: `push` one row, read `c[i]` per column. */
function columns(n: number): { c: unknown[][]; rows: number; push(row: unknown[]): void } {
  const c: unknown[][] = Array.from({ length: n }, () => []);
  const out = {
    c,
    rows: 0,
    push(row: unknown[]) {
      for (let i = 0; i < n; i++) c[i]!.push(row[i]);
      out.rows++;
    },
  };
  return out;
}
