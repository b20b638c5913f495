import { sql, type CompiledQuery } from 'kysely';
import type { Finding, Obligation, ObligationOwner, ObligationStatus } from '../domain/evaluation.types.js';
import { NO_PERSON_BREAKDOWN, type PersonBreakdown } from '../domain/report-breakdown.js';
import type { Db } from './database.js';
import type { FindingRow, ObligationRow } from './database.types.js';
import { addDays, pageOf, type Page } from './sql-helpers.js';

/** Open = still owed: the derived status was `due` or `overdue` when it was last evaluated. */
export const OPEN_STATUSES = ['due', 'overdue'] as const satisfies readonly ObligationStatus[];
export const IMU_RULES = ['OB-VICTIM-CARE-CARD', 'OB-NEEDS-ASSESSMENT'] as const;

export type WorklistBucket = 'overdue' | 'due-today' | 'due-this-week' | 'upcoming';
export const WORKLIST_BUCKETS: readonly WorklistBucket[] = [
  'overdue',
  'due-today',
  'due-this-week',
  'upcoming',
];
export type WorklistSort = 'due-date' | 'urn' | 'rule' | 'person';

export interface WorklistQuery extends Page {
  /** Today's London local date, `YYYY-MM-DD` (from the injected clock, never the database's). */
  today: string;
  bucket?: WorklistBucket;
  sort?: WorklistSort;
  direction?: 'asc' | 'desc';
}

export interface BucketCounts {
  overdue: number;
  dueToday: number;
  dueThisWeek: number;
  upcoming: number;
  total: number;
}

export interface WorklistItem {
  id: number;
  investigationId: string;
  urn: string;
  restricted: boolean;
  personId: string | null;
  personRef: string | null;
  personName: string | null;
  rule: string;
  title: string;
  source: string;
  dueDate: string;
  status: ObligationStatus;
  owner: ObligationOwner;
  ownerUserId: string | null;
  teamId: string | null;
  triggerEventId: string | null;
  bucket: WorklistBucket;
}

export interface Worklist {
  items: WorklistItem[];
  counts: BucketCounts;
  /** Rows matching the bucket filter (all open rows when no bucket): the pager's total. */
  total: number;
}

export interface OfficerCounts extends BucketCounts {
  userId: string | null;
  displayName: string | null;
}

export interface ComplianceRow {
  key: string | null;
  met: number;
  metLate: number;
  overdue: number;
  due: number;
  notRequired: number;
  total: number;
}

/** A built query: compiled for the snapshot, executed for the worklist. */
interface CompilableQuery<R> {
  compile(): CompiledQuery;
  execute(): Promise<R[]>;
}

interface OpenFilter {
  ownerUserId?: string;
  teamId?: string;
  owner?: ObligationOwner;
  rules?: readonly string[];
}

/**
 * The derived ledger (obligations and findings, written only by re-derivation) and the worklists read
 * from it. "This week" is the seven days after today; buckets are computed from `dueDate` against the
 * caller's `today`, so a row derived as `due` yesterday is overdue today without re-deriving.
 */
export class ObligationsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Replaces an investigation's obligations and findings with a fresh evaluation. Call inside the
   * transaction that changed the facts. Person and event refs (`v1`, `e3`) are resolved to ids; owner
   * user and team are copied from the investigation (the OIC owns `oic` obligations). `breakdowns` (by
   * person ref, from `reportBreakdowns`) gives each row the compliance report's age band and enhanced.
   */
  async replaceDerived(
    investigationId: string,
    obligations: readonly Obligation[],
    findings: readonly Finding[],
    derivedAt: string,
    breakdowns: ReadonlyMap<string, PersonBreakdown> = new Map(),
  ): Promise<{ obligations: number; findings: number }> {
    const investigation = await this.db
      .selectFrom('investigations')
      .select(['officerInChargeId', 'teamId'])
      .where('id', '=', investigationId)
      .executeTakeFirst();
    if (!investigation) throw new Error(`no investigation ${investigationId}`);
    const [people, events] = await Promise.all([
      this.db
        .selectFrom('people')
        .select(['id', 'ref'])
        .where('investigationId', '=', investigationId)
        .execute(),
      this.db
        .selectFrom('events')
        .select(['id', 'ref'])
        .where('investigationId', '=', investigationId)
        .execute(),
    ]);
    const personId = resolver(new Map(people.map((p) => [p.ref, p.id])), 'person');
    const eventId = resolver(new Map(events.map((e) => [e.ref, e.id])), 'event');

    await this.db.deleteFrom('obligations').where('investigationId', '=', investigationId).execute();
    await this.db.deleteFrom('findings').where('investigationId', '=', investigationId).execute();

    const obligationRows = obligations.map((o) => ({
      ...breakdownColumns(breakdowns, o.person),
      investigationId,
      personId: personId(o.person),
      rule: o.rule,
      triggerEventId: eventId(o.trigger),
      dueDate: o.dueDate,
      status: o.status,
      metAt: o.metAt,
      metByEventId: eventId(o.metBy),
      owner: o.owner,
      ownerUserId: o.owner === 'oic' ? investigation.officerInChargeId : null,
      teamId: investigation.teamId,
      source: o.source,
      title: o.title,
      derivedAt,
    }));
    const findingRows = findings.map((f) => ({
      investigationId,
      personId: personId(f.person),
      code: f.code,
      rule: f.rule,
      eventId: eventId(f.event),
      message: f.message,
      source: f.source,
      derivedAt,
    }));
    for (const chunk of chunks(obligationRows, 500)) {
      await this.db.insertInto('obligations').values(chunk).execute();
    }
    for (const chunk of chunks(findingRows, 500)) {
      await this.db.insertInto('findings').values(chunk).execute();
    }
    return { obligations: obligationRows.length, findings: findingRows.length };
  }

  /** After the OIC or team of an investigation changes: re-point its open and closed rows. */
  async syncOwnership(investigationId: string): Promise<number> {
    const r = await this.db
      .updateTable('obligations as o')
      .from('investigations as i')
      .set((eb) => ({
        teamId: eb.ref('i.teamId'),
        ownerUserId: eb
          .case()
          .when('o.owner', '=', 'oic')
          .then(eb.ref('i.officerInChargeId'))
          .else(null)
          .end(),
      }))
      .whereRef('i.id', '=', 'o.investigationId')
      .where('o.investigationId', '=', investigationId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** An investigation's obligations with person/event refs, in due-date order. */
  listByInvestigation(
    investigationId: string,
  ): Promise<
    (ObligationRow & { personRef: string | null; triggerRef: string | null; metByRef: string | null })[]
  > {
    return this.db
      .selectFrom('obligations as o')
      .leftJoin('people as p', 'p.id', 'o.personId')
      .leftJoin('events as t', 't.id', 'o.triggerEventId')
      .leftJoin('events as m', 'm.id', 'o.metByEventId')
      .selectAll('o')
      .select(['p.ref as personRef', 't.ref as triggerRef', 'm.ref as metByRef'])
      .where('o.investigationId', '=', investigationId)
      .orderBy('o.dueDate')
      .orderBy('o.rule')
      .orderBy('o.id')
      .execute();
  }

  listFindings(
    investigationId: string,
  ): Promise<(FindingRow & { personRef: string | null; eventRef: string | null })[]> {
    return this.db
      .selectFrom('findings as f')
      .leftJoin('people as p', 'p.id', 'f.personId')
      .leftJoin('events as e', 'e.id', 'f.eventId')
      .selectAll('f')
      .select(['p.ref as personRef', 'e.ref as eventRef'])
      .where('f.investigationId', '=', investigationId)
      .orderBy('f.id')
      .execute();
  }

  /** An officer's worklist: open obligations they own (as OIC). */
  worklistForUser(userId: string, query: WorklistQuery): Promise<Worklist> {
    return this.worklist({ ownerUserId: userId }, query);
  }

  /** A team's worklist (owner `oic` by default) with per-officer counts. */
  async worklistForTeam(
    teamId: string,
    query: WorklistQuery & { ownerUserId?: string; owner?: ObligationOwner },
  ): Promise<Worklist & { perOfficer: OfficerCounts[] }> {
    const filter: OpenFilter = { teamId, owner: query.owner ?? 'oic' };
    const [list, perOfficer] = await Promise.all([
      this.worklist({ ...filter, ...(query.ownerUserId ? { ownerUserId: query.ownerUserId } : {}) }, query),
      this.perOfficerCounts(filter, query.today),
    ]);
    return { ...list, perOfficer };
  }

  /** IMU queue: open victim care card and needs assessment checks (optionally one team's). */
  imuQueue(query: WorklistQuery & { teamId?: string }): Promise<Worklist> {
    return this.worklist({ rules: IMU_RULES, ...(query.teamId ? { teamId: query.teamId } : {}) }, query);
  }

  /** VWCU queue: open obligations owned by the Victim and Witness Care Unit. */
  vwcuQueue(query: WorklistQuery & { teamId?: string }): Promise<Worklist> {
    return this.worklist({ owner: 'vwcu', ...(query.teamId ? { teamId: query.teamId } : {}) }, query);
  }

  /**
   * Compliance by rule, team or officer for obligations due in [from, to] (London dates, inclusive).
   * Open rows count as overdue when their due date is before `today`.
   */
  compliance(period: {
    from: string;
    to: string;
    today: string;
    groupBy: 'rule' | 'team' | 'officer';
    teamId?: string;
  }): Promise<ComplianceRow[]> {
    const key =
      period.groupBy === 'rule'
        ? sql.ref('rule')
        : period.groupBy === 'team'
          ? sql.ref('team_id')
          : sql.ref('owner_user_id');
    const open = sql`status in ('due', 'overdue')`;
    let q = this.db
      .selectFrom('obligations')
      .select([
        sql<string | null>`${key}::text`.as('key'),
        sql<number>`count(*) filter (where status = 'met')`.as('met'),
        sql<number>`count(*) filter (where status = 'met-late')`.as('metLate'),
        sql<number>`count(*) filter (where ${open} and due_date < ${period.today})`.as('overdue'),
        sql<number>`count(*) filter (where ${open} and due_date >= ${period.today})`.as('due'),
        sql<number>`count(*) filter (where status = 'not-required')`.as('notRequired'),
        sql<number>`count(*)`.as('total'),
      ])
      .where('dueDate', '>=', period.from)
      .where('dueDate', '<=', period.to);
    if (period.teamId) q = q.where('teamId', '=', period.teamId);
    return q
      .groupBy(sql`1`)
      .orderBy(sql`1`)
      .execute();
  }

  /** The compiled SQL of the worklist queries, for the committed snapshot. */
  compileWorklist(filter: OpenFilter, query: WorklistQuery): { items: string; counts: string } {
    return {
      items: this.itemsQuery(filter, query).compile().sql,
      counts: this.countsQuery(filter, query.today).compile().sql,
    };
  }

  compilePerOfficer(filter: OpenFilter, today: string): string {
    return this.perOfficerQuery(filter, today).compile().sql;
  }

  private async worklist(filter: OpenFilter, query: WorklistQuery): Promise<Worklist> {
    const [items, counts] = await Promise.all([
      this.itemsQuery(filter, query).execute(),
      this.countsQuery(filter, query.today).executeTakeFirstOrThrow(),
    ]);
    const c: BucketCounts = {
      overdue: Number(counts.overdue),
      dueToday: Number(counts.dueToday),
      dueThisWeek: Number(counts.dueThisWeek),
      upcoming: Number(counts.upcoming),
      total: Number(counts.total),
    };
    const total = !query.bucket
      ? c.total
      : { overdue: c.overdue, 'due-today': c.dueToday, 'due-this-week': c.dueThisWeek, upcoming: c.upcoming }[
          query.bucket
        ];
    return { items, counts: c, total };
  }

  /** Open obligations matching the filter. The status predicate is literal so the partial indexes apply. */
  private openBase(filter: OpenFilter) {
    let q = this.db.selectFrom('obligations as o').where(sql<boolean>`o.status in ('due', 'overdue')`);
    if (filter.ownerUserId) q = q.where('o.ownerUserId', '=', filter.ownerUserId);
    if (filter.teamId) q = q.where('o.teamId', '=', filter.teamId);
    if (filter.owner) q = q.where('o.owner', '=', filter.owner);
    if (filter.rules) q = q.where('o.rule', 'in', [...filter.rules]);
    return q;
  }

  /**
   * The page of items. Sorts on obligations' own columns (due date, the default; rule) pick the page's
   * ids from obligations alone (for the default sort, by walking a partial open index in
   * `(…, due_date, id)` order and stopping at LIMIT, so the cost is the page's, not the caseload's) and
   * join investigations and people for those rows only. Sorts on joined columns (URN, person) join
   * first, as they must, and sort the whole filtered set.
   */
  private itemsQuery(filter: OpenFilter, query: WorklistQuery): CompilableQuery<WorklistItem> {
    const { limit, offset } = pageOf(query);
    const week = addDays(query.today, 7);
    const dir = query.direction ?? 'asc';
    const sort = query.sort ?? 'due-date';
    const inBucket = <Q extends ReturnType<ObligationsRepository['openBase']>>(q: Q): Q => {
      if (query.bucket === 'overdue') return q.where('o.dueDate', '<', query.today) as Q;
      if (query.bucket === 'due-today') return q.where('o.dueDate', '=', query.today) as Q;
      if (query.bucket === 'due-this-week') {
        return q.where('o.dueDate', '>', query.today).where('o.dueDate', '<=', week) as Q;
      }
      if (query.bucket === 'upcoming') return q.where('o.dueDate', '>', week) as Q;
      return q;
    };
    const bucket =
      sql<WorklistBucket>`case when o.due_date < ${query.today} then 'overdue' when o.due_date = ${query.today} then 'due-today' when o.due_date <= ${week} then 'due-this-week' else 'upcoming' end`.as(
        'bucket',
      );
    const columns = [
      'o.id',
      'o.investigationId',
      'i.urn',
      'i.restricted',
      'o.personId',
      'p.ref as personRef',
      'p.name as personName',
      'o.rule',
      'o.title',
      'o.source',
      'o.dueDate',
      'o.status',
      'o.owner',
      'o.ownerUserId',
      'o.teamId',
      'o.triggerEventId',
    ] as const;

    if (sort === 'due-date' || sort === 'rule') {
      let page = inBucket(this.openBase(filter)).select([
        'o.id',
        'o.investigationId',
        'o.personId',
        'o.rule',
        'o.title',
        'o.source',
        'o.dueDate',
        'o.status',
        'o.owner',
        'o.ownerUserId',
        'o.teamId',
        'o.triggerEventId',
      ]);
      page =
        sort === 'due-date'
          ? page.orderBy('o.dueDate', dir).orderBy('o.id', dir)
          : page.orderBy('o.rule', dir).orderBy('o.dueDate').orderBy('o.id');
      // The page is aliased `o` so that the joins and the bucket expression read as on the table.
      let s = this.db
        .selectFrom(page.limit(limit).offset(offset).as('o'))
        .innerJoin('investigations as i', 'i.id', 'o.investigationId')
        .leftJoin('people as p', 'p.id', 'o.personId')
        .select([...columns, bucket]);
      s =
        sort === 'due-date'
          ? s.orderBy('o.dueDate', dir).orderBy('o.id', dir)
          : s.orderBy('o.rule', dir).orderBy('o.dueDate').orderBy('o.id');
      return s;
    }
    let s = inBucket(this.openBase(filter))
      .innerJoin('investigations as i', 'i.id', 'o.investigationId')
      .leftJoin('people as p', 'p.id', 'o.personId')
      .select([...columns, bucket]);
    s =
      sort === 'urn'
        ? s.orderBy('i.urn', dir).orderBy('o.dueDate').orderBy('o.id')
        : s
            .orderBy(sql`p.name ${sql.raw(dir)} nulls last`)
            .orderBy('o.dueDate')
            .orderBy('o.id');
    return s.limit(limit).offset(offset);
  }

  private countsQuery(filter: OpenFilter, today: string) {
    const week = addDays(today, 7);
    return this.openBase(filter).select([
      sql<number>`count(*) filter (where o.due_date < ${today})`.as('overdue'),
      sql<number>`count(*) filter (where o.due_date = ${today})`.as('dueToday'),
      sql<number>`count(*) filter (where o.due_date > ${today} and o.due_date <= ${week})`.as('dueThisWeek'),
      sql<number>`count(*) filter (where o.due_date > ${week})`.as('upcoming'),
      sql<number>`count(*)`.as('total'),
    ]);
  }

  private perOfficerQuery(filter: OpenFilter, today: string) {
    const week = addDays(today, 7);
    return this.openBase(filter)
      .leftJoin('users as u', 'u.id', 'o.ownerUserId')
      .select([
        'o.ownerUserId as userId',
        'u.displayName',
        sql<number>`count(*) filter (where o.due_date < ${today})`.as('overdue'),
        sql<number>`count(*) filter (where o.due_date = ${today})`.as('dueToday'),
        sql<number>`count(*) filter (where o.due_date > ${today} and o.due_date <= ${week})`.as(
          'dueThisWeek',
        ),
        sql<number>`count(*) filter (where o.due_date > ${week})`.as('upcoming'),
        sql<number>`count(*)`.as('total'),
      ])
      .groupBy(['o.ownerUserId', 'u.displayName'])
      .orderBy(sql`count(*) filter (where o.due_date < ${today})`, 'desc')
      .orderBy('u.displayName');
  }

  private async perOfficerCounts(filter: OpenFilter, today: string): Promise<OfficerCounts[]> {
    const rows = await this.perOfficerQuery(filter, today).execute();
    return rows.map((r) => ({
      userId: r.userId,
      displayName: r.displayName,
      overdue: Number(r.overdue),
      dueToday: Number(r.dueToday),
      dueThisWeek: Number(r.dueThisWeek),
      upcoming: Number(r.upcoming),
      total: Number(r.total),
    }));
  }
}

function resolver(map: ReadonlyMap<string, string>, what: string) {
  return (ref: string | null): string | null => {
    if (ref === null) return null;
    const id = map.get(ref);
    if (id === undefined) throw new Error(`derived row refers to unknown ${what} "${ref}"`);
    return id;
  };
}

function* chunks<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** The report columns of an obligation owed to `person` (a ref), as the domain decided them. */
export function breakdownColumns(
  breakdowns: ReadonlyMap<string, PersonBreakdown>,
  person: string | null,
): { under18: boolean | null; enhanced: boolean } {
  const b = (person === null ? undefined : breakdowns.get(person)) ?? NO_PERSON_BREAKDOWN;
  return { under18: b.ageBand === 'unknown' ? null : b.ageBand === 'under-18', enhanced: b.enhanced };
}
