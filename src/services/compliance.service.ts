/**
 * Compliance reporting: the dashboard (per right and rule, team, officer, month, under-18s and enhanced
 * victims), drill-down to the obligations behind any figure, the MoJ five-area quarterly return, the
 * Victims and Prisoners Act 2024 compliance dataset, and CSV/XLSX exports of every table.
 *
 * Every figure comes from the derived obligations ledger (which the engine derives from the contact log),
 * never from a ticked box. Compliance leads and administrators see the force; a supervisor sees their own
 * team only. Reads are audited; exports are audited as exports.
 */
import { can, type Actor } from '../auth/access.policy.js';
import { addCalendarDays, londonDateOfMs, toInstant, instantMs } from '../domain/calendar/london-time.js';
import {
  MOJ_RETURN_AREAS,
  REPORTED_OBLIGATION_RULES,
  VICTIMS_CODE_RIGHTS_TABLE,
  rightOfRule,
} from '../domain/rules/rights.js';
import type { RulePack } from '../domain/rules/rule-pack.types.js';
import { barChartSvg, complianceSeries } from '../outputs/charts/bar-chart.svg.js';
import { chartTable } from '../outputs/charts/chart-table.model.js';
import type { BarChartInput, ChartTable, LineChartInput } from '../outputs/charts/chart.types.js';
import { lineChartSvg, monthLabel } from '../outputs/charts/line-chart.svg.js';
import { CSV_CONTENT_TYPE, csvFileName, toCsv } from '../outputs/exports/csv.exporter.js';
import type { ExportTable } from '../outputs/exports/export.types.js';
import { XLSX_CONTENT_TYPE, toXlsx } from '../outputs/exports/xlsx.exporter.js';
import type {
  AgeBand,
  ComplianceBucket,
  ComplianceCounts,
  ComplianceFilter,
  ComplianceSummaryRow,
  DatasetRow,
  DrillDownItem,
} from '../store/compliance.repository.js';
import type { Db } from '../store/database.js';
import type { DipSampleCounts } from '../store/dip-samples.repository.js';
import { createRepositories } from '../store/repositories.js';
import { auditUserId } from './actor.js';
import type { Clock } from './clock.js';
import datasetConfig from './compliance-dataset.config.json' with { type: 'json' };
import { refuse } from './refusal.js';
import { ValidationFailed } from './service-errors.js';
import { MONTH_NAMES as MONTHS } from '../domain/calendar/london-time.js';

// ---- periods ------------------------------------------------------------------------------------------

export type PeriodRequest =
  | { kind: 'quarter'; quarter?: string | undefined }
  | { kind: 'month'; month?: string | undefined }
  | { kind: 'custom'; from?: string | undefined; to?: string | undefined };

export interface Period {
  kind: 'quarter' | 'month' | 'custom';
  from: string;
  to: string;
  /** e.g. "2026 Q1 (1 January to 31 March 2026)" */
  label: string;
  /** `2026-Q1`, `2026-03` or `2026-01-01_2026-03-31`: for file names and links. */
  key: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function words(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/**
 * The period a request names, against today (London). A quarter defaults to the last full quarter, a
 * month to the last full month; custom periods need both dates, from ≤ to, and at most 3 years.
 */
export function resolvePeriod(req: PeriodRequest, today: string): Period {
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  if (req.kind === 'quarter') {
    let year: number;
    let q: number;
    if (req.quarter) {
      const m = /^(\d{4})-Q([1-4])$/.exec(req.quarter);
      if (!m) throw new ValidationFailed([{ field: 'quarter', message: 'Enter a quarter like 2026-Q1' }]);
      year = Number(m[1]);
      q = Number(m[2]);
    } else {
      const current = Math.floor((tm - 1) / 3) + 1;
      year = current === 1 ? ty - 1 : ty;
      q = current === 1 ? 4 : current - 1;
    }
    const from = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
    const to = lastDayOfMonth(year, q * 3);
    return {
      kind: 'quarter',
      from,
      to,
      key: `${year}-Q${q}`,
      label: `${year} Q${q} (${words(from)} to ${words(to)})`,
    };
  }
  if (req.kind === 'month') {
    let year: number;
    let month: number;
    if (req.month) {
      const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(req.month);
      if (!m) throw new ValidationFailed([{ field: 'month', message: 'Enter a month like 2026-03' }]);
      year = Number(m[1]);
      month = Number(m[2]);
    } else {
      year = tm === 1 ? ty - 1 : ty;
      month = tm === 1 ? 12 : tm - 1;
    }
    const from = `${year}-${String(month).padStart(2, '0')}-01`;
    const to = lastDayOfMonth(year, month);
    return { kind: 'month', from, to, key: from.slice(0, 7), label: `${MONTHS[month - 1]} ${year}` };
  }
  const problems = [];
  if (!req.from || !DATE.test(req.from) || Number.isNaN(Date.parse(req.from))) {
    problems.push({ field: 'from', message: 'Enter the first day of the period as a real date' });
  }
  if (!req.to || !DATE.test(req.to) || Number.isNaN(Date.parse(req.to))) {
    problems.push({ field: 'to', message: 'Enter the last day of the period as a real date' });
  }
  if (problems.length > 0) throw new ValidationFailed(problems);
  const from = req.from!;
  const to = req.to!;
  if (from > to) {
    throw new ValidationFailed([
      { field: 'to', message: 'The last day must be the same as or after the first day' },
    ]);
  }
  if (addCalendarDays(from, 366 * 3) < to) {
    throw new ValidationFailed([{ field: 'to', message: 'A period can be at most 3 years long' }]);
  }
  return { kind: 'custom', from, to, key: `${from}_${to}`, label: `${words(from)} to ${words(to)}` };
}

/** The months a period covers, `YYYY-MM`, in order. */
export function monthsOf(period: Pick<Period, 'from' | 'to'>): string[] {
  const out: string[] = [];
  let [y, m] = period.from.split('-').map(Number) as [number, number];
  const end = period.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    out.push(key);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

// ---- figures ------------------------------------------------------------------------------------------

export interface Figures extends ComplianceCounts {
  /** Met, met late or overdue: the obligations whose deadline has been tested. */
  assessed: number;
  /** Met on time as a whole percentage of `assessed`, or null when nothing was assessed. */
  onTimePercent: number | null;
}

export function figures(c: ComplianceCounts): Figures {
  const assessed = c.met + c.metLate + c.overdue;
  return {
    ...c,
    assessed,
    onTimePercent: assessed === 0 ? null : Math.round((c.met / assessed) * 1000) / 10,
  };
}

const ZERO: ComplianceCounts = { met: 0, metLate: 0, overdue: 0, open: 0, notRequired: 0, total: 0 };

function add(a: ComplianceCounts, b: ComplianceCounts): ComplianceCounts {
  return {
    met: a.met + b.met,
    metLate: a.metLate + b.metLate,
    overdue: a.overdue + b.overdue,
    open: a.open + b.open,
    notRequired: a.notRequired + b.notRequired,
    total: a.total + b.total,
  };
}

export interface Scope {
  teamId: string | null;
  teamName: string | null;
  ownerUserId: string | null;
  officerName: string | null;
}

export interface RightRow extends Figures {
  number: number;
  name: string;
  text: string;
  source: string;
  rules: string[];
}

export interface RuleRow extends Figures {
  rule: string;
  title: string;
  source: string;
  right: number | null;
}

export interface NamedRow extends Figures {
  id: string | null;
  name: string;
}

export interface MonthRow extends Figures {
  month: string;
  label: string;
}

export interface BreakdownRow extends Figures {
  key: string;
  label: string;
  byRule: RuleRow[];
}

export interface Chart {
  id: string;
  svg: string;
  table: ChartTable;
}

export interface Dashboard {
  period: Period;
  today: string;
  scope: Scope;
  total: Figures;
  rights: RightRow[];
  rules: RuleRow[];
  teams: NamedRow[];
  officers: NamedRow[];
  months: MonthRow[];
  ageBands: BreakdownRow[];
  enhanced: BreakdownRow[];
  dipSampling: DipSampleCounts;
  charts: { rules: Chart; trend: Chart; teams: Chart; ageBands: Chart; enhanced: Chart };
  filters: { teams: { id: string; name: string }[]; officers: { id: string; displayName: string }[] };
}

export interface ScopeRequest {
  teamId?: string | undefined;
  ownerUserId?: string | undefined;
}

export type DrillRequest = ScopeRequest & {
  rule?: string | undefined;
  right?: number | undefined;
  month?: string | undefined;
  ageBand?: AgeBand | undefined;
  enhanced?: boolean | undefined;
  bucket?: ComplianceBucket | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
};

export interface DrillResult {
  period: Period;
  scope: Scope;
  items: DrillDownItem[];
  total: number;
  limit: number;
  offset: number;
}

export interface MojReturnRow {
  area: string;
  question: string;
  rules: string;
  victims: number;
  yes: number;
  no: number;
  percent: number | null;
  source: string;
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** The tables a dashboard can be exported as (CSV one at a time, XLSX all together). */
export const EXPORT_TABLES = [
  'rights',
  'rules',
  'teams',
  'officers',
  'months',
  'age-bands',
  'enhanced',
  'moj-return',
] as const;
export type ExportTableName = (typeof EXPORT_TABLES)[number];

/** The compliance dataset's field catalogue and default selection (see docs/compliance-dataset.md). */
export interface DatasetField {
  key: keyof DatasetRow | 'right';
  header: string;
  description: string;
  personal: boolean;
}
export interface DatasetConfig {
  version: string;
  description: string;
  maxRows: number;
  fields: DatasetField[];
}

const DATASET_KEYS: readonly string[] = [
  'obligationId',
  'urn',
  'investigationId',
  'personRef',
  'rule',
  'right',
  'source',
  'title',
  'dueDate',
  'status',
  'bucket',
  'metAt',
  'teamCode',
  'teamName',
  'officerName',
  'ageBand',
  'enhanced',
  'reportedAt',
  'offences',
];

/** Checks a dataset config: known keys, no duplicates, headers present. Throws a ValidationFailed. */
export function checkDatasetConfig(config: unknown): DatasetConfig {
  const c = config as Partial<DatasetConfig>;
  const problems: { field: string; message: string }[] = [];
  if (!Array.isArray(c.fields) || c.fields.length === 0) {
    problems.push({ field: 'fields', message: 'list at least one field' });
  }
  if (typeof c.maxRows !== 'number' || c.maxRows < 1) {
    problems.push({ field: 'maxRows', message: 'must be a positive number' });
  }
  const seen = new Set<string>();
  (c.fields ?? []).forEach((f, i) => {
    if (!DATASET_KEYS.includes(f.key)) {
      problems.push({
        field: `fields[${i}].key`,
        message: `"${String(f.key)}" is not a dataset field (one of ${DATASET_KEYS.join(', ')})`,
      });
    }
    if (seen.has(f.key)) problems.push({ field: `fields[${i}].key`, message: `"${f.key}" is listed twice` });
    seen.add(f.key);
    if (typeof f.header !== 'string' || f.header.trim() === '') {
      problems.push({ field: `fields[${i}].header`, message: 'enter a column header' });
    }
  });
  if (problems.length > 0) {
    throw new ValidationFailed(problems, 'The compliance dataset configuration has problems');
  }
  return c as DatasetConfig;
}

export const DEFAULT_DATASET_CONFIG: DatasetConfig = checkDatasetConfig(datasetConfig);

const AGE_LABELS: Record<AgeBand, string> = {
  'under-18': 'Under 18 at the offence',
  '18-plus': '18 or over at the offence',
  unknown: 'Age not recorded',
};

export class ComplianceService {
  private readonly dataset: DatasetConfig;
  private readonly forceName: string;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly pack: RulePack,
    options: { datasetConfig?: DatasetConfig; forceName?: string } = {},
  ) {
    this.dataset = options.datasetConfig ?? DEFAULT_DATASET_CONFIG;
    this.forceName = options.forceName ?? 'Force';
  }

  today(): string {
    return londonDateOfMs(this.clock.now().getTime());
  }

  /** report:read first; a supervisor is held to their own team. Refusals are audited. */
  private async authorise(actor: Actor, req: ScopeRequest, what: string): Promise<Scope> {
    const repos = createRepositories(this.db);
    const refused = (message: string): Promise<never> =>
      refuse(
        this.db,
        this.clock,
        actor,
        {
          action: 'report:read',
          recordType: 'compliance-report',
          detail: { what, teamId: req.teamId ?? null },
        },
        message,
      );
    if (!can(actor, 'report:read')) return refused('Compliance reports are not available to your role');
    let teamId = req.teamId ?? null;
    if (actor.role === 'supervisor') {
      if (!actor.teamId) return refused('You are not in a team');
      if (teamId && teamId !== actor.teamId) return refused('You can only see your own team');
      teamId = actor.teamId;
    }
    const [team, officer] = await Promise.all([
      teamId ? repos.users.getTeam(teamId) : Promise.resolve(undefined),
      req.ownerUserId ? repos.users.getById(req.ownerUserId) : Promise.resolve(undefined),
    ]);
    if (teamId && !team) {
      throw new ValidationFailed([{ field: 'teamId', message: 'Choose a team from the list' }]);
    }
    if (req.ownerUserId && !officer) {
      throw new ValidationFailed([{ field: 'ownerUserId', message: 'Choose an officer from the list' }]);
    }
    if (officer && actor.role === 'supervisor' && officer.teamId !== actor.teamId) {
      return refused('You can only see officers in your own team');
    }
    return {
      teamId,
      teamName: team?.name ?? null,
      ownerUserId: officer?.id ?? null,
      officerName: officer?.displayName ?? null,
    };
  }

  private filter(period: Period, scope: Scope): ComplianceFilter {
    return {
      from: period.from,
      to: period.to,
      today: this.today(),
      teamId: scope.teamId ?? undefined,
      ownerUserId: scope.ownerUserId ?? undefined,
    };
  }

  private ruleTitle(rule: string): string {
    const def = (
      this.pack.rules as unknown as Record<string, { title?: string; source?: string } | undefined>
    )[rule];
    return def?.title ?? rule;
  }

  private ruleSource(rule: string): string {
    const def = (
      this.pack.rules as unknown as Record<string, { title?: string; source?: string } | undefined>
    )[rule];
    return def?.source ?? '';
  }

  private ruleRows(rows: ComplianceSummaryRow[]): RuleRow[] {
    const byRule = new Map(rows.map((r) => [r.rule ?? '', r]));
    const known = [
      ...REPORTED_OBLIGATION_RULES,
      ...[...byRule.keys()]
        .filter((r) => r !== '' && !(REPORTED_OBLIGATION_RULES as readonly string[]).includes(r))
        .sort(),
    ];
    return known.map((rule) => ({
      rule,
      title: this.ruleTitle(rule),
      source: this.ruleSource(rule),
      right: rightOfRule(rule)?.number ?? null,
      ...figures(byRule.get(rule) ?? ZERO),
    }));
  }

  async dashboard(actor: Actor, periodReq: PeriodRequest, scopeReq: ScopeRequest = {}): Promise<Dashboard> {
    const period = resolvePeriod(periodReq, this.today());
    const scope = await this.authorise(actor, scopeReq, 'dashboard');
    const repos = createRepositories(this.db);
    const filter = this.filter(period, scope);
    const [rows, teams, officers, dipSampling] = await Promise.all([
      repos.compliance.summary(filter),
      repos.compliance.listTeams(),
      repos.compliance.listOfficers(scope.teamId ?? undefined),
      repos.dipSamples.counts({
        fromInstant: toInstant(londonMidnight(period.from)),
        toInstant: toInstant(londonMidnight(addCalendarDays(period.to, 1))),
        teamId: scope.teamId ?? undefined,
      }),
    ]);
    const group = (...dims: string[]) =>
      rows.filter((r) => r.dims.length === dims.length && dims.every((d) => r.dims.includes(d as never)));
    const total = figures(group()[0] ?? ZERO);
    const rules = this.ruleRows(group('rule'));
    const rights: RightRow[] = VICTIMS_CODE_RIGHTS_TABLE.map((r) => ({
      number: r.number,
      name: r.name,
      text: r.text,
      source: r.source,
      rules: [...r.rules],
      ...figures(
        rules
          .filter((x) => (r.rules as readonly string[]).includes(x.rule))
          .reduce<ComplianceCounts>((a, b) => add(a, b), ZERO),
      ),
    }));
    const teamNames = new Map(teams.map((t) => [t.id, t.name]));
    const officerNames = new Map(officers.map((o) => [o.id, o.displayName]));
    const missingOfficers = group('officer')
      .filter((r) => r.ownerUserId && !officerNames.has(r.ownerUserId))
      .map((r) => r.ownerUserId!);
    for (const id of missingOfficers) {
      const u = await repos.users.getById(id);
      if (u) officerNames.set(id, u.displayName);
    }
    const named = (
      r: ComplianceSummaryRow,
      id: string | null,
      names: Map<string, string>,
      none: string,
    ): NamedRow => ({ id, name: id ? (names.get(id) ?? 'Unknown') : none, ...figures(r) });
    const teamRows = group('team')
      .map((r) => named(r, r.teamId, teamNames, 'No team'))
      .sort((a, b) => a.name.localeCompare(b.name));
    const officerRows = group('officer')
      .map((r) => named(r, r.ownerUserId, officerNames, 'Not owned by an officer (IMU, VWCU, HMPPS)'))
      .sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.name.localeCompare(b.name)));
    const byMonth = new Map(group('month').map((r) => [r.month ?? '', r]));
    const months: MonthRow[] = monthsOf(period).map((m) => ({
      month: m,
      label: monthLabel(m),
      ...figures(byMonth.get(m) ?? ZERO),
    }));
    const ageBands: BreakdownRow[] = (['under-18', '18-plus', 'unknown'] as AgeBand[]).map((band) => ({
      key: band,
      label: AGE_LABELS[band],
      ...figures(group('ageBand').find((r) => r.ageBand === band) ?? ZERO),
      byRule: this.ruleRows(group('ageBand', 'rule').filter((r) => r.ageBand === band)),
    }));
    const enhanced: BreakdownRow[] = [true, false].map((e) => ({
      key: String(e),
      label: e ? 'Enhanced rights' : 'Not enhanced',
      ...figures(group('enhanced').find((r) => r.enhanced === e) ?? ZERO),
      byRule: this.ruleRows(group('enhanced', 'rule').filter((r) => r.enhanced === e)),
    }));
    const where = scope.officerName ?? scope.teamName ?? this.forceName;
    const shown = rules.filter((r) => r.total > 0);
    const chart = (id: string, input: BarChartInput | LineChartInput): Chart => ({
      id,
      svg: 'periods' in input ? lineChartSvg({ ...input, id }) : barChartSvg({ ...input, id }),
      table: chartTable(input),
    });
    const compliance = (
      title: string,
      description: string,
      categoryLabel: string,
      rows: { category: string; met: number; metLate: number; overdue: number }[],
    ): BarChartInput => ({
      title,
      description,
      categoryLabel,
      unit: 'obligations',
      layout: 'stacked',
      ...complianceSeries(rows),
    });
    const charts = {
      rules: chart(
        'chart-rules',
        compliance(
          `Obligations by rule, ${where}, ${period.label}`,
          `Obligations that fell due in ${period.label}, met on time, met late or overdue, for each rule. ${total.met} of ${total.assessed} were met on time.`,
          'Rule',
          shown.map((r) => ({ category: r.rule, met: r.met, metLate: r.metLate, overdue: r.overdue })),
        ),
      ),
      trend: chart('chart-trend', {
        title: `Met on time by month, ${where}`,
        description: `The percentage of obligations met on time, by the month they fell due, ${period.label}.`,
        periods: months.map((m) => m.label),
        series: [{ label: 'Met on time', values: months.map((m) => m.onTimePercent) }],
        unit: '%',
      }),
      teams: chart(
        'chart-teams',
        compliance(
          `Obligations by team, ${period.label}`,
          `Obligations that fell due in ${period.label} for each team, met on time, met late or overdue.`,
          'Team',
          teamRows.map((t) => ({ category: t.name, met: t.met, metLate: t.metLate, overdue: t.overdue })),
        ),
      ),
      ageBands: chart(
        'chart-age',
        compliance(
          `Under-18s and adults, ${where}, ${period.label}`,
          'Obligations to victims under 18 at the time of the offence compared with adults and with victims whose age is not recorded.',
          'Age at the offence',
          ageBands.map((b) => ({ category: b.label, met: b.met, metLate: b.metLate, overdue: b.overdue })),
        ),
      ),
      enhanced: chart(
        'chart-enhanced',
        compliance(
          `Enhanced and other victims, ${where}, ${period.label}`,
          'Obligations to victims entitled to enhanced rights compared with other victims.',
          'Victims',
          enhanced.map((b) => ({ category: b.label, met: b.met, metLate: b.metLate, overdue: b.overdue })),
        ),
      ),
    };
    await repos.audit.append({
      at: this.clock.now().toISOString(),
      userId: auditUserId(actor),
      action: 'read',
      recordType: 'compliance-report',
      recordId: period.key,
      detail: { from: period.from, to: period.to, teamId: scope.teamId, ownerUserId: scope.ownerUserId },
    });
    return {
      period,
      today: filter.today,
      scope,
      total,
      rights,
      rules,
      teams: teamRows,
      officers: officerRows,
      months,
      ageBands,
      enhanced,
      dipSampling,
      charts,
      filters: {
        teams: (actor.role === 'supervisor' ? teams.filter((t) => t.id === actor.teamId) : teams).map(
          (t) => ({ id: t.id, name: t.name }),
        ),
        officers: officers.map((o) => ({ id: o.id, displayName: o.displayName })),
      },
    };
  }

  /** The obligations behind one figure; restricted investigations the actor is not named on are masked. */
  async drillDown(actor: Actor, periodReq: PeriodRequest, req: DrillRequest): Promise<DrillResult> {
    const period = resolvePeriod(periodReq, this.today());
    const scope = await this.authorise(actor, req, 'drill-down');
    const repos = createRepositories(this.db);
    const rules = req.right
      ? VICTIMS_CODE_RIGHTS_TABLE.find((r) => r.number === req.right)?.rules
      : undefined;
    if (req.right && !rules) {
      throw new ValidationFailed([{ field: 'right', message: 'Choose a right from 1 to 12' }]);
    }
    const limit = Math.min(Math.max(req.limit ?? 50, 1), 200);
    const offset = Math.max(req.offset ?? 0, 0);
    const result = await repos.compliance.drillDown(this.filter(period, scope), {
      rule: req.rule,
      rules: rules ? [...rules, '__none__'] : undefined,
      month: req.month,
      ageBand: req.ageBand,
      enhanced: req.enhanced,
      bucket: req.bucket,
      limit,
      offset,
    });
    const visible = new Map<string, boolean>();
    for (const item of result.items) {
      if (item.restricted && actor.role !== 'admin' && !visible.has(item.investigationId)) {
        visible.set(
          item.investigationId,
          await repos.investigations.isVisibleTo(item.investigationId, actor.id),
        );
      }
    }
    const items = result.items.map((i) =>
      i.restricted && actor.role !== 'admin' && !visible.get(i.investigationId)
        ? { ...i, urn: 'Restricted', personName: null, personRef: null }
        : i,
    );
    await repos.audit.append({
      at: this.clock.now().toISOString(),
      userId: auditUserId(actor),
      action: 'read',
      recordType: 'compliance-drill-down',
      recordId: period.key,
      detail: { ...req, investigations: [...new Set(items.map((i) => i.investigationId))] },
    });
    return { period, scope, items, total: result.total, limit, offset };
  }

  /** The MoJ five-area return for the period, counted per victim (see MOJ_RETURN_AREAS). */
  async mojReturn(
    actor: Actor,
    periodReq: PeriodRequest,
    scopeReq: ScopeRequest = {},
  ): Promise<{ period: Period; scope: Scope; rows: MojReturnRow[] }> {
    const period = resolvePeriod(periodReq, this.today());
    const scope = await this.authorise(actor, scopeReq, 'moj-return');
    return { period, scope, rows: await this.mojRows(period, scope) };
  }

  private async mojRows(period: Period, scope: Scope): Promise<MojReturnRow[]> {
    const repos = createRepositories(this.db);
    const filter = this.filter(period, scope);
    return Promise.all(
      MOJ_RETURN_AREAS.map(async (area) => {
        const a = await repos.compliance.perVictim(filter, {
          rules: area.rules,
          yesWhen: area.yesWhen,
          evidenceEventType: area.evidence?.eventType,
        });
        return {
          area: area.id,
          question: area.question,
          rules: area.rules.join(', '),
          victims: a.victims,
          yes: a.yes,
          no: a.victims - a.yes,
          percent: a.victims === 0 ? null : Math.round((a.yes / a.victims) * 1000) / 10,
          source: area.source,
        };
      }),
    );
  }

  // ---- exports ------------------------------------------------------------------------------------------

  private tables(d: Dashboard, moj: MojReturnRow[]): Record<ExportTableName, ExportTable> {
    const fig = [
      { key: 'total', header: 'Fell due' },
      { key: 'met', header: 'Met on time' },
      { key: 'metLate', header: 'Met late' },
      { key: 'overdue', header: 'Overdue' },
      { key: 'open', header: 'Still open (not yet due)' },
      { key: 'notRequired', header: 'Not required' },
      { key: 'onTimePercent', header: 'Met on time (%)' },
    ];
    const counts = (f: Figures) => ({
      total: f.total,
      met: f.met,
      metLate: f.metLate,
      overdue: f.overdue,
      open: f.open,
      notRequired: f.notRequired,
      onTimePercent: f.onTimePercent,
    });
    const breakdown = (rows: BreakdownRow[]) =>
      rows.flatMap((b) => [
        { group: b.label, rule: 'All rules', ...counts(b) },
        ...b.byRule.filter((r) => r.total > 0).map((r) => ({ group: b.label, rule: r.rule, ...counts(r) })),
      ]);
    return {
      rights: {
        name: 'By right',
        columns: [
          { key: 'number', header: 'Right' },
          { key: 'name', header: 'Name' },
          { key: 'rulesText', header: 'Measured by' },
          ...fig,
        ],
        rows: d.rights.map((r) => ({
          number: r.number,
          name: r.name,
          rulesText: r.rules.join(', ') || 'No deadline measures this right',
          ...counts(r),
        })),
      },
      rules: {
        name: 'By rule',
        columns: [
          { key: 'rule', header: 'Rule' },
          { key: 'title', header: 'What is owed' },
          { key: 'right', header: 'Right' },
          { key: 'source', header: 'Source' },
          ...fig,
        ],
        rows: d.rules.map((r) => ({ ...r })),
      },
      teams: {
        name: 'By team',
        columns: [{ key: 'name', header: 'Team' }, ...fig],
        rows: d.teams.map((r) => ({ ...r })),
      },
      officers: {
        name: 'By officer',
        columns: [{ key: 'name', header: 'Officer' }, ...fig],
        rows: d.officers.map((r) => ({ ...r })),
      },
      months: {
        name: 'By month',
        columns: [{ key: 'month', header: 'Month' }, ...fig],
        rows: d.months.map((r) => ({ ...r })),
      },
      'age-bands': {
        name: 'Under 18s',
        columns: [{ key: 'group', header: 'Age at the offence' }, { key: 'rule', header: 'Rule' }, ...fig],
        rows: breakdown(d.ageBands),
      },
      enhanced: {
        name: 'Enhanced victims',
        columns: [{ key: 'group', header: 'Victims' }, { key: 'rule', header: 'Rule' }, ...fig],
        rows: breakdown(d.enhanced),
      },
      'moj-return': {
        name: 'MoJ quarterly return',
        columns: [
          { key: 'question', header: 'Question (per victim)' },
          { key: 'rules', header: 'Counted from' },
          { key: 'victims', header: 'Victims' },
          { key: 'yes', header: 'Yes' },
          { key: 'no', header: 'No' },
          { key: 'percent', header: 'Yes (%)' },
          { key: 'source', header: 'Source' },
        ],
        rows: moj.map((r) => ({ ...r })),
      },
    };
  }

  /** One table as CSV, or every table (and the MoJ return) as one XLSX workbook. Audited as an export. */
  async exportTables(
    actor: Actor,
    periodReq: PeriodRequest,
    scopeReq: ScopeRequest,
    format: 'csv' | 'xlsx',
    table?: ExportTableName,
  ): Promise<ExportFile> {
    const d = await this.dashboard(actor, periodReq, scopeReq);
    const moj = await this.mojRows(d.period, d.scope);
    const all = this.tables(d, moj);
    const stem = `compliance-${d.period.key}${d.scope.teamName ? `-${slug(d.scope.teamName)}` : ''}`;
    let file: ExportFile;
    if (format === 'csv') {
      const t = all[table ?? 'rules'];
      file = {
        fileName: `${stem}-${csvFileName(t)}`,
        contentType: CSV_CONTENT_TYPE,
        body: Buffer.from(toCsv(t), 'utf8'),
      };
    } else {
      const tables = table ? [all[table]] : EXPORT_TABLES.map((n) => all[n]);
      file = {
        fileName: `${stem}${table ? `-${table}` : ''}.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
        body: await toXlsx(tables, { creator: this.forceName, createdAt: this.clock.now() }),
      };
    }
    await this.auditExport(actor, file.fileName, d.period, d.scope);
    return file;
  }

  /** The MoJ five-area return as CSV or XLSX. */
  async exportMojReturn(
    actor: Actor,
    periodReq: PeriodRequest,
    scopeReq: ScopeRequest,
    format: 'csv' | 'xlsx',
  ): Promise<ExportFile> {
    const { period, scope, rows } = await this.mojReturn(actor, periodReq, scopeReq);
    const dummy = {
      rights: [],
      rules: [],
      teams: [],
      officers: [],
      months: [],
      ageBands: [],
      enhanced: [],
    } as unknown as Dashboard;
    const t = this.tables(dummy, rows)['moj-return'];
    const stem = `moj-return-${period.key}${scope.teamName ? `-${slug(scope.teamName)}` : ''}`;
    const file: ExportFile =
      format === 'csv'
        ? { fileName: `${stem}.csv`, contentType: CSV_CONTENT_TYPE, body: Buffer.from(toCsv(t), 'utf8') }
        : {
            fileName: `${stem}.xlsx`,
            contentType: XLSX_CONTENT_TYPE,
            body: await toXlsx([t], { creator: this.forceName, createdAt: this.clock.now() }),
          };
    await this.auditExport(actor, file.fileName, period, scope);
    return file;
  }

  /** The dataset config in force: its fields, for the page that offers the export and for the docs. */
  datasetConfig(): DatasetConfig {
    return this.dataset;
  }

  /**
   * The Victims and Prisoners Act 2024 compliance dataset: one row per obligation due in the period, the
   * columns the dataset config lists (optionally a subset of them, in config order). Refused when the
   * period holds more rows than the config's `maxRows`: narrow the period or choose a team.
   */
  async exportDataset(
    actor: Actor,
    periodReq: PeriodRequest,
    scopeReq: ScopeRequest,
    format: 'csv' | 'xlsx',
    fields?: readonly string[],
  ): Promise<ExportFile> {
    const period = resolvePeriod(periodReq, this.today());
    const scope = await this.authorise(actor, scopeReq, 'dataset');
    const repos = createRepositories(this.db);
    const filter = this.filter(period, scope);
    const chosen =
      fields && fields.length > 0
        ? this.dataset.fields.filter((f) => fields.includes(f.key))
        : this.dataset.fields;
    const unknown = (fields ?? []).filter((f) => !this.dataset.fields.some((d) => d.key === f));
    if (unknown.length > 0) {
      throw new ValidationFailed([
        { field: 'fields', message: `not in the dataset configuration: ${unknown.join(', ')}` },
      ]);
    }
    const count = await repos.compliance.countDue(filter);
    if (count > this.dataset.maxRows) {
      throw new ValidationFailed([
        {
          field: 'period',
          message: `The period holds ${count} obligations, more than the ${this.dataset.maxRows} one export may hold: choose a shorter period or a team`,
        },
      ]);
    }
    const rows = await repos.compliance.dataset(filter, this.dataset.maxRows);
    const table: ExportTable = {
      name: 'Compliance dataset',
      columns: chosen.map((f) => ({ key: f.key, header: f.header })),
      rows: rows.map((r) => ({ ...r, right: rightOfRule(r.rule)?.number ?? null })),
    };
    const stem = `compliance-dataset-${period.key}${scope.teamName ? `-${slug(scope.teamName)}` : ''}`;
    const file: ExportFile =
      format === 'csv'
        ? { fileName: `${stem}.csv`, contentType: CSV_CONTENT_TYPE, body: Buffer.from(toCsv(table), 'utf8') }
        : {
            fileName: `${stem}.xlsx`,
            contentType: XLSX_CONTENT_TYPE,
            body: await toXlsx([table], { creator: this.forceName, createdAt: this.clock.now() }),
          };
    await this.auditExport(actor, file.fileName, period, scope, {
      rows: rows.length,
      fields: chosen.map((f) => f.key),
      investigations:
        rows.length <= 1000 ? [...new Set(rows.map((r) => r.investigationId))] : 'more than 1000',
    });
    return file;
  }

  private async auditExport(
    actor: Actor,
    fileName: string,
    period: Period,
    scope: Scope,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    await createRepositories(this.db).audit.append({
      at: this.clock.now().toISOString(),
      userId: auditUserId(actor),
      action: 'export',
      recordType: 'compliance-report',
      recordId: period.key,
      detail: {
        fileName,
        from: period.from,
        to: period.to,
        teamId: scope.teamId,
        ownerUserId: scope.ownerUserId,
        ...extra,
      },
    });
  }
}

/** Midnight at the start of a London date, as epoch ms (the first instant whose London date is `date`). */
export function londonMidnight(date: string): number {
  // London is UTC or UTC+1: try both and keep the one that lands on the date at 00:00.
  const utc = instantMs(`${date}T00:00:00Z`);
  return londonDateOfMs(utc - 3_600_000) === date ? utc - 3_600_000 : utc;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
