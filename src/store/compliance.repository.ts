/**
 * Compliance figures read from the derived obligations ledger (never from ticked boxes): how many
 * obligations fell due in a period, and how many were met on time, met late, are overdue, are still open
 * or were not required, by rule, team, officer, month, age band at the offence and enhanced status.
 *
 * A row derived as `due` whose due date has since passed counts as overdue: buckets are computed against
 * the caller's `today` (a London date from the injected clock), so figures never wait for a re-derivation.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './database.js';
import type { ObligationStatus } from '../domain/evaluation.types.js';
import type { AgeBand } from '../domain/report-breakdown.js';
import { pageOf, type Page } from './sql-helpers.js';

export type { AgeBand };
export type ComplianceBucket = 'met' | 'met-late' | 'overdue' | 'open' | 'not-required';
export const COMPLIANCE_BUCKETS: readonly ComplianceBucket[] = [
  'met',
  'met-late',
  'overdue',
  'open',
  'not-required',
];

export interface ComplianceFilter {
  /** First and last due date of the period, London dates, inclusive. */
  from: string;
  to: string;
  /** Today's London date: open rows due before it are overdue. */
  today: string;
  teamId?: string | undefined;
  ownerUserId?: string | undefined;
}

export interface ComplianceCounts {
  met: number;
  metLate: number;
  overdue: number;
  open: number;
  notRequired: number;
  /** Every obligation that fell due in the period, whatever happened to it. */
  total: number;
}

export type ComplianceDimension = 'rule' | 'team' | 'officer' | 'month' | 'ageBand' | 'enhanced';

/** One cell of the summary: the counts for a combination of dimensions (absent dimensions: all). */
export interface ComplianceSummaryRow extends ComplianceCounts {
  dims: ComplianceDimension[];
  rule: string | null;
  teamId: string | null;
  ownerUserId: string | null;
  month: string | null;
  ageBand: AgeBand | null;
  enhanced: boolean | null;
}

/** The grouping sets the dashboard shows, in one pass over the period's obligations. */
export const SUMMARY_GROUPS: readonly (readonly ComplianceDimension[])[] = [
  [],
  ['rule'],
  ['team'],
  ['officer'],
  ['month'],
  ['month', 'rule'],
  ['ageBand'],
  ['ageBand', 'rule'],
  ['enhanced'],
  ['enhanced', 'rule'],
];

/** Narrowing for a drill-down: any figure on the dashboard is a filter plus some of these. */
export interface DrillDown extends Page {
  rule?: string | undefined;
  rules?: readonly string[] | undefined;
  teamId?: string | undefined;
  ownerUserId?: string | undefined;
  month?: string | undefined;
  ageBand?: AgeBand | undefined;
  enhanced?: boolean | undefined;
  bucket?: ComplianceBucket | undefined;
}

export interface DrillDownItem {
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
  metAt: string | null;
  ownerUserId: string | null;
  officerName: string | null;
  teamId: string | null;
  teamName: string | null;
  bucket: ComplianceBucket;
}

/** One row of the compliance dataset: every field the dataset config may select. */
export interface DatasetRow {
  obligationId: number;
  urn: string;
  investigationId: string;
  personRef: string | null;
  rule: string;
  source: string;
  title: string;
  dueDate: string;
  status: ObligationStatus;
  bucket: ComplianceBucket;
  metAt: string | null;
  teamCode: string | null;
  teamName: string | null;
  officerName: string | null;
  ageBand: AgeBand;
  enhanced: boolean;
  reportedAt: string;
  offences: string;
}

export interface AreaAnswer {
  victims: number;
  yes: number;
}

export interface TeamOption {
  id: string;
  name: string;
  code: string;
}

export interface OfficerOption {
  id: string;
  displayName: string;
  teamId: string | null;
}

export class ComplianceRepository {
  constructor(private readonly db: Db) {}

  /**
   * The counts for every grouping set of `SUMMARY_GROUPS`, from two statements run side by side, each a
   * scan of the period's obligations (the covering index) with a first aggregate that stays small:
   * - who: per officer and per team (first aggregate: officer × team × bucket);
   * - what: rule, month, age band and enhanced (first aggregate: rule × due date × status × under18 ×
   *   enhanced, plain columns; month and bucket are computed from its few thousand rows).
   * Age band and enhanced status are the obligation's own columns (derivation writes the domain's answer:
   * src/domain/report-breakdown.ts), so neither statement joins anything.
   */
  async summary(filter: ComplianceFilter): Promise<ComplianceSummaryRow[]> {
    const [what, who] = await Promise.all([
      this.tuned((db) => this.whatQuery(db, filter).execute()),
      this.tuned((db) => this.whoQuery(db, filter).execute()),
    ]);
    const whatDims: ComplianceDimension[] = ['rule', 'month', 'ageBand', 'enhanced'];
    // grouping(...): a set bit means "not grouped by", the first column in the highest bit.
    const dimsOf = (all: ComplianceDimension[], g: number) =>
      all.filter((_d, i) => (g & (1 << (all.length - 1 - i))) === 0);
    const counts = (
      r: Record<'met' | 'metLate' | 'overdue' | 'open' | 'notRequired' | 'total', number | string | null>,
    ) => ({
      met: Number(r.met ?? 0),
      metLate: Number(r.metLate ?? 0),
      overdue: Number(r.overdue ?? 0),
      open: Number(r.open ?? 0),
      notRequired: Number(r.notRequired ?? 0),
      total: Number(r.total ?? 0),
    });
    return [
      ...what.map((r) => ({
        dims: dimsOf(whatDims, Number(r.g)),
        rule: r.rule,
        teamId: null,
        ownerUserId: null,
        month: r.month,
        ageBand: (Number(r.g) & 2) !== 0 ? null : ageBandOf(r.under18),
        enhanced: r.enhanced,
        ...counts(r),
      })),
      ...who.map((r) => ({
        dims: dimsOf(['officer', 'team'], Number(r.g)),
        rule: null,
        teamId: r.teamId,
        ownerUserId: r.ownerUserId,
        month: null,
        ageBand: null,
        enhanced: null,
        ...counts(r),
      })),
    ];
  }

  /** The compiled SQL of the summary statements, for EXPLAIN in the benchmark and a reviewable snapshot. */
  compileSummary(filter: ComplianceFilter): { sql: string; parameters: readonly unknown[] }[] {
    return [this.whatQuery(this.db, filter).compile(), this.whoQuery(this.db, filter).compile()];
  }

  /**
   * Report queries in a transaction of their own with settings for one big read: hash aggregates in
   * memory (the planner cannot estimate how few groups the computed keys make, and would otherwise sort
   * millions of rows on disk), no JIT compilation (which costs more than it saves here), and no parallel
   * workers: the summary's two statements already run side by side, one core each; workers on top add
   * partial and final aggregates and processes competing for the same cores (at 1M victims on 2 cores:
   * median 2.24 s with workers, 1.77 s without).
   */
  async tuned<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this.db);
    return this.db.transaction().execute(async (trx) => {
      await sql`set local work_mem = '64MB'`.execute(trx);
      await sql`set local jit = off`.execute(trx);
      await sql`set local enable_sort = off`.execute(trx);
      await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
      return fn(trx);
    });
  }

  private counts() {
    return [
      sql<number>`sum(n) filter (where bucket = 'met')`.as('met'),
      sql<number>`sum(n) filter (where bucket = 'met-late')`.as('metLate'),
      sql<number>`sum(n) filter (where bucket = 'overdue')`.as('overdue'),
      sql<number>`sum(n) filter (where bucket = 'open')`.as('open'),
      sql<number>`sum(n) filter (where bucket = 'not-required')`.as('notRequired'),
      sql<number>`sum(n)`.as('total'),
    ] as const;
  }

  private whoQuery(db: Db, filter: ComplianceFilter) {
    // First aggregate keyed by (officer, team) alone, the buckets as filtered counts: the fewest key
    // columns to hash per row. Open = the rest (status is one of five: see the table's check).
    let inner = db
      .selectFrom('obligations as o')
      .select([
        'o.ownerUserId',
        'o.teamId',
        sql<number>`count(*) filter (where o.status = 'met')`.as('met'),
        sql<number>`count(*) filter (where o.status = 'met-late')`.as('metLate'),
        sql<number>`count(*) filter (where o.status = 'not-required')`.as('notRequired'),
        sql<number>`count(*) filter (where o.status in ('due', 'overdue') and o.due_date < ${filter.today})`.as(
          'overdue',
        ),
        sql<number>`count(*)`.as('total'),
      ])
      .where('o.dueDate', '>=', filter.from)
      .where('o.dueDate', '<=', filter.to);
    if (filter.teamId) inner = inner.where('o.teamId', '=', filter.teamId);
    if (filter.ownerUserId) inner = inner.where('o.ownerUserId', '=', filter.ownerUserId);
    return db
      .selectFrom(inner.groupBy(['o.ownerUserId', 'o.teamId']).as('f'))
      .select([
        sql<string | null>`owner_user_id::text`.as('ownerUserId'),
        sql<string | null>`team_id::text`.as('teamId'),
        sql<number>`grouping(owner_user_id, team_id)`.as('g'),
        sql<number>`sum(met)`.as('met'),
        sql<number>`sum(met_late)`.as('metLate'),
        sql<number>`sum(overdue)`.as('overdue'),
        sql<number>`sum(total - met - met_late - not_required - overdue)`.as('open'),
        sql<number>`sum(not_required)`.as('notRequired'),
        sql<number>`sum(total)`.as('total'),
      ])
      .groupBy(sql`grouping sets ((owner_user_id), (team_id))`);
  }

  private whatQuery(db: Db, filter: ComplianceFilter) {
    const cols: Partial<Record<ComplianceDimension, string>> = {
      rule: 'rule',
      month: 'month',
      ageBand: 'under18',
      enhanced: 'enhanced',
    };
    const sets = SUMMARY_GROUPS.filter((g) => !g.includes('officer') && !g.includes('team'))
      .map((g) => `(${g.map((d) => cols[d]!).join(', ')})`)
      .join(', ');
    // First aggregate over plain columns only (nothing computed per row of the scan).
    let inner = db
      .selectFrom('obligations as o')
      .select(['o.rule', 'o.dueDate', 'o.status', 'o.under18', 'o.enhanced', sql<number>`count(*)`.as('n')])
      .where('o.dueDate', '>=', filter.from)
      .where('o.dueDate', '<=', filter.to);
    if (filter.teamId) inner = inner.where('o.teamId', '=', filter.teamId);
    if (filter.ownerUserId) inner = inner.where('o.ownerUserId', '=', filter.ownerUserId);
    const keyed = db
      .selectFrom(inner.groupBy(['o.rule', 'o.dueDate', 'o.status', 'o.under18', 'o.enhanced']).as('o'))
      .select([
        'o.rule',
        sql<string>`to_char(o.due_date, 'YYYY-MM')`.as('month'),
        'o.under18',
        'o.enhanced',
        bucketSql(filter.today).as('bucket'),
        'o.n',
      ]);
    return db
      .selectFrom(keyed.as('f'))
      .select([
        sql<string | null>`rule`.as('rule'),
        sql<string | null>`month`.as('month'),
        sql<boolean | null>`under18`.as('under18'),
        sql<boolean | null>`enhanced`.as('enhanced'),
        sql<number>`grouping(rule, month, under18, enhanced)`.as('g'),
        ...this.counts(),
      ])
      .groupBy(sql.raw(`grouping sets (${sets})`));
  }

  /** The obligations behind a figure, a page at a time, in due-date order. */
  async drillDown(
    filter: ComplianceFilter,
    d: DrillDown,
  ): Promise<{ items: DrillDownItem[]; total: number }> {
    const { limit, offset } = pageOf(d, 50, 200);
    let q = this.db
      .selectFrom('obligations as o')
      .innerJoin('investigations as i', 'i.id', 'o.investigationId')
      .leftJoin('people as p', 'p.id', 'o.personId')
      .where('o.dueDate', '>=', filter.from)
      .where('o.dueDate', '<=', filter.to);
    const teamId = d.teamId ?? filter.teamId;
    const ownerUserId = d.ownerUserId ?? filter.ownerUserId;
    if (teamId) q = q.where('o.teamId', '=', teamId);
    if (ownerUserId) q = q.where('o.ownerUserId', '=', ownerUserId);
    if (d.rule) q = q.where('o.rule', '=', d.rule);
    if (d.rules && d.rules.length > 0) q = q.where('o.rule', 'in', [...d.rules]);
    if (d.month) q = q.where(sql<string>`to_char(o.due_date, 'YYYY-MM')`, '=', d.month);
    if (d.ageBand) q = q.where(ageBandSql(), '=', d.ageBand);
    if (d.enhanced !== undefined) q = q.where('o.enhanced', '=', d.enhanced);
    if (d.bucket) q = q.where(bucketSql(filter.today), '=', d.bucket);
    const [items, count] = await Promise.all([
      q
        .leftJoin('users as u', 'u.id', 'o.ownerUserId')
        .leftJoin('teams as t', 't.id', 'o.teamId')
        .select([
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
          'o.metAt',
          'o.ownerUserId',
          'u.displayName as officerName',
          'o.teamId',
          't.name as teamName',
          bucketSql(filter.today).as('bucket'),
        ])
        .orderBy('o.dueDate')
        .orderBy('i.urn')
        .orderBy('o.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  }

  /**
   * One MoJ return question, counted per victim: victims owed an obligation of `rules` that fell due in
   * the period (not-required ones, and ones not yet due, left out), and how many of them the answer is yes
   * for: every such obligation met on time (`all-on-time`) or met at all (`discharged`), and, with
   * `evidenceEventType`, discharged by an event of that type (a referral, not a recorded decline).
   */
  async perVictim(
    filter: ComplianceFilter,
    area: {
      rules: readonly string[];
      yesWhen: 'all-on-time' | 'discharged';
      evidenceEventType?: string | undefined;
    },
  ): Promise<AreaAnswer> {
    const evidence = area.evidenceEventType;
    const yes =
      area.yesWhen === 'all-on-time'
        ? sql<boolean>`o.status = 'met'`
        : evidence
          ? sql<boolean>`o.status in ('met', 'met-late') and m.type = ${evidence}`
          : sql<boolean>`o.status in ('met', 'met-late')`;
    let q = this.db
      .selectFrom('obligations as o')
      .innerJoin('people as p', 'p.id', 'o.personId')
      .leftJoin('events as m', 'm.id', 'o.metByEventId')
      .select(['o.personId', sql<boolean>`bool_and(coalesce(${yes}, false))`.as('yes')])
      .where('p.role', '=', 'victim')
      .where('o.rule', 'in', [...area.rules])
      .where('o.dueDate', '>=', filter.from)
      .where('o.dueDate', '<=', filter.to)
      .where('o.status', '<>', 'not-required')
      .where(sql<boolean>`not (o.status in ('due', 'overdue') and o.due_date >= ${filter.today})`)
      .groupBy('o.personId');
    if (filter.teamId) q = q.where('o.teamId', '=', filter.teamId);
    if (filter.ownerUserId) q = q.where('o.ownerUserId', '=', filter.ownerUserId);
    const r = await this.db
      .selectFrom(q.as('v'))
      .select([sql<number>`count(*)`.as('victims'), sql<number>`count(*) filter (where v.yes)`.as('yes')])
      .executeTakeFirstOrThrow();
    return { victims: Number(r.victims), yes: Number(r.yes) };
  }

  /** Rows for the compliance dataset export, at most `limit` (the caller refuses bigger periods). */
  async dataset(filter: ComplianceFilter, limit: number): Promise<DatasetRow[]> {
    let q = this.db
      .selectFrom('obligations as o')
      .innerJoin('investigations as i', 'i.id', 'o.investigationId')
      .leftJoin('people as p', 'p.id', 'o.personId')
      .leftJoin('users as u', 'u.id', 'o.ownerUserId')
      .leftJoin('teams as t', 't.id', 'o.teamId')
      .select([
        'o.id as obligationId',
        'i.urn',
        'i.id as investigationId',
        'p.ref as personRef',
        'o.rule',
        'o.source',
        'o.title',
        'o.dueDate',
        'o.status',
        bucketSql(filter.today).as('bucket'),
        'o.metAt',
        't.code as teamCode',
        't.name as teamName',
        'u.displayName as officerName',
        ageBandSql().as('ageBand'),
        'o.enhanced',
        'i.reportedAt',
        sql<string>`(select string_agg(x->>'category', '; ') from jsonb_array_elements(i.offences) x)`.as(
          'offences',
        ),
      ])
      .where('o.dueDate', '>=', filter.from)
      .where('o.dueDate', '<=', filter.to);
    if (filter.teamId) q = q.where('o.teamId', '=', filter.teamId);
    if (filter.ownerUserId) q = q.where('o.ownerUserId', '=', filter.ownerUserId);
    const rows = await q.orderBy('o.dueDate').orderBy('o.id').limit(limit).execute();
    return rows.map((r) => ({ ...r, obligationId: Number(r.obligationId), offences: r.offences ?? '' }));
  }

  async countDue(filter: ComplianceFilter): Promise<number> {
    let q = this.db
      .selectFrom('obligations as o')
      .select(sql<number>`count(*)`.as('n'))
      .where('o.dueDate', '>=', filter.from)
      .where('o.dueDate', '<=', filter.to);
    if (filter.teamId) q = q.where('o.teamId', '=', filter.teamId);
    if (filter.ownerUserId) q = q.where('o.ownerUserId', '=', filter.ownerUserId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  listTeams(): Promise<TeamOption[]> {
    return this.db.selectFrom('teams').select(['id', 'name', 'code']).orderBy('name').execute();
  }

  /** Officers who own obligations (as OIC), optionally of one team, for the filter and the officer table. */
  listOfficers(teamId?: string): Promise<OfficerOption[]> {
    let q = this.db
      .selectFrom('users')
      .select(['id', 'displayName', 'teamId'])
      .where('role', 'in', ['officer', 'supervisor']);
    if (teamId) q = q.where('teamId', '=', teamId);
    return q.orderBy('displayName').orderBy('id').execute();
  }
}

/** `met`, `met-late`, `not-required`, or for a still-open row `overdue` (due before today) or `open`. */
function bucketSql(today: string): RawBuilder<ComplianceBucket> {
  return sql<ComplianceBucket>`case when o.status in ('met', 'met-late', 'not-required') then o.status when o.due_date < ${today} then 'overdue' else 'open' end`;
}

/** The age band the obligation row holds (`under18`, written at derivation; null: not recorded). */
function ageBandSql(): RawBuilder<AgeBand> {
  return sql<AgeBand>`case when o.under18 then 'under-18' when not o.under18 then '18-plus' else 'unknown' end`;
}

function ageBandOf(under18: boolean | null): AgeBand {
  return under18 === null ? 'unknown' : under18 ? 'under-18' : '18-plus';
}
