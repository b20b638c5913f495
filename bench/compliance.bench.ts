/**
 * Compliance dashboard benchmark: the dashboard for a year (per right, rule, team, officer, month,
 * under-18s, enhanced, dip sampling) plus the MoJ return, over a force of BENCH_VICTIMS victims.
 *
 *   node bin/tsx.js bench/compliance.bench.ts
 *   BENCH_VICTIMS=1000000 BENCH_ENGINE=postgres node bin/tsx.js bench/compliance.bench.ts
 *
 * Environment (the same as bench/run-all.bench.ts, which may call this script after its import):
 *   BENCH_VICTIMS   victims in the force (default 1,000,000)
 *   BENCH_ENGINE    postgres | pglite | both (default postgres)
 *   BENCH_PG_URL    PostgreSQL maintenance URL (default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_RUNS      timed runs after one warm-up (default 5)
 *
 * Data: on PostgreSQL, the force imported by run-all (database vc_bench) is used when it holds at least
 * 90% of BENCH_VICTIMS victims. Otherwise a ledger of the same size is written straight into
 * vc_bench_compliance with SQL (teams of 10 officers, about 150 investigations each, 1.25 victims per
 * investigation, 9 obligations per victim over two years, realistic outcome shares, 15% enhanced recorded
 * and 5% entitled-but-not-recorded, dates of birth giving about 12% under-18s): the dashboard reads only
 * the ledger, so its cost depends on the ledger's size and shape, not on how it was derived. PGlite gets
 * the same ledger in a temporary folder (slow to fill above 100,000 victims).
 *
 * Target: the year's dashboard in ≤ 2 s (median of the timed runs) on PostgreSQL. Prints EXPLAIN
 * (ANALYZE, BUFFERS) of the summary query, then one JSON line per engine with the timings.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import type { Actor } from '../src/auth/access.policy.js';
import { addCalendarDays, londonDateOfMs } from '../src/domain/calendar/london-time.js';
import { shippedRulePack } from '../src/domain/rules/rule-pack.js';
import { systemClock } from '../src/services/clock.js';
import { ComplianceService } from '../src/services/compliance.service.js';
import { openDatabase, type Db, type OpenedDatabase } from '../src/store/database.js';
import { ComplianceRepository } from '../src/store/compliance.repository.js';

type Engine = 'postgres' | 'pglite';

const VICTIMS = intEnv('BENCH_VICTIMS', 1_000_000);
const RUNS = intEnv('BENCH_RUNS', 5);
const ENGINES: Engine[] = engines(process.env.BENCH_ENGINE ?? 'postgres');
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET_MS = 2000;

function intEnv(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new Error(`${name} must be a whole number ≥ 1, not ${JSON.stringify(v)}`);
  }
  return n;
}

function engines(v: string): Engine[] {
  if (v === 'both') return ['postgres', 'pglite'];
  if (v === 'postgres' || v === 'pglite') return [v];
  throw new Error(`BENCH_ENGINE must be postgres, pglite or both, not ${JSON.stringify(v)}`);
}

const log = (line: string) => process.stderr.write(`${line}\n`);

function dbUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

async function victimsIn(db: Db): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from people where role = 'victim'`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** The imported force of run-all when it is big enough, else a ledger written with SQL. */
async function postgresDatabase(): Promise<{ database: OpenedDatabase; source: string }> {
  const existing = await adminQuery<{ datname: string }>(
    "select datname from pg_database where datname in ('vc_bench', 'vc_bench_compliance')",
  );
  for (const name of ['vc_bench', 'vc_bench_compliance']) {
    if (!existing.some((d) => d.datname === name)) continue;
    const database = await openDatabase({ databaseUrl: dbUrl(name), poolSize: 10 });
    const n = await victimsIn(database.db);
    const ledger = await sql<{
      n: string;
    }>`select count(*) as n from (select 1 from obligations limit 1000) x`.execute(database.db);
    if (n >= VICTIMS * 0.9 && n <= VICTIMS * 1.1 && Number(ledger.rows[0]?.n) === 1000) {
      return { database, source: `${name} (${n.toLocaleString('en-GB')} victims, existing)` };
    }
    await database.close();
  }
  await adminQuery('drop database if exists vc_bench_compliance with (force)');
  await adminQuery('create database vc_bench_compliance');
  const database = await openDatabase({ databaseUrl: dbUrl('vc_bench_compliance'), poolSize: 10 });
  await fillLedger(database.db, londonDateOfMs(Date.now()));
  return { database, source: `vc_bench_compliance (${VICTIMS.toLocaleString('en-GB')} victims, SQL ledger)` };
}

/** A force's ledger in SQL: deterministic (md5 of the row number), so two runs give the same data. */
export async function fillLedger(db: Db, today: string): Promise<void> {
  const investigations = Math.ceil(VICTIMS / 1.25);
  const officers = Math.max(10, Math.round(investigations / 150));
  const teams = Math.ceil(officers / 10);
  const t0 = Date.now();
  const step = async (what: string, q: ReturnType<typeof sql>) => {
    const s = Date.now();
    await q.execute(db);
    log(`  ${what} (${((Date.now() - s) / 1000).toFixed(1)} s)`);
  };
  log(
    `filling a ledger: ${investigations.toLocaleString('en-GB')} investigations, ${officers} officers, ${teams} teams …`,
  );
  await step(
    'teams',
    sql`insert into teams (id, name, code) select md5('team' || g)::uuid, 'Team ' || g, 'BT' || g from generate_series(0, ${teams - 1}) g`,
  );
  await step(
    'officers',
    sql`insert into users (id, username, display_name, role, team_id) select md5('user' || g)::uuid, 'bench-officer-' || g, 'Officer ' || g, 'officer', md5('team' || (g / 10))::uuid from generate_series(0, ${officers - 1}) g`,
  );
  await step(
    'investigations',
    sql`insert into investigations (id, urn, reported_at, offence_date, offences, officer_in_charge_id, team_id, status)
      select md5('inv' || g)::uuid, 'B/' || g, (${today}::date - (g % 730)) + time '09:00' + (g % 600) * interval '1 minute',
        (${today}::date - (g % 730) - (g % 5)),
        case when g % 9 = 0 then '[{"category":"violence-with-injury"}]'::jsonb when g % 13 = 0 then '[{"category":"sexual"}]'::jsonb else '[{"category":"theft"}]'::jsonb end,
        md5('user' || (g % ${officers}))::uuid, md5('team' || ((g % ${officers}) / 10))::uuid, 'open'
      from generate_series(0, ${investigations - 1}) g`,
  );
  await step(
    'victims',
    sql`insert into people (id, investigation_id, ref, role, kind, name, date_of_birth)
      select md5('p' || g || '-' || k)::uuid, md5('inv' || g)::uuid, 'v' || k, 'victim', 'person', 'Victim ' || g || '-' || k,
        case when (g + k) % 50 = 0 then null else (date '1940-01-01' + ((g::bigint * 7919 + k * 104729) % 30000)::int) end
      from generate_series(0, ${investigations - 1}) g cross join lateral generate_series(1, case when g % 4 = 0 then 2 else 1 end) k`,
  );
  await step(
    'contracts (15% enhanced recorded)',
    sql`insert into contracts (person_id, preferred_method, enhanced_recorded) select id, 'phone', (hashtext(id::text) % 100 + 100) % 100 < 15 from people`,
  );
  await step(
    'findings (5% entitled to enhanced, not recorded)',
    sql`insert into findings (investigation_id, person_id, code, rule, message, source, derived_at)
      select p.investigation_id, p.id, 'F-ENHANCED-NOT-RECORDED', 'EL-ENHANCED', 'entitled to enhanced rights, not recorded', 'SOP 3.2.5', now()
      from people p join contracts c on c.person_id = p.id where not c.enhanced_recorded and (hashtext(p.id::text || 'f') % 100 + 100) % 100 < 6`,
  );
  // What derivation writes on each obligation from the domain (src/domain/report-breakdown.ts): under 18
  // at the offence (null: no date of birth) and enhanced (recorded on the contract, or the finding).
  await step(
    'report breakdowns per victim',
    sql`create unlogged table bench_breakdown as
      select p.id, p.investigation_id,
        case when p.date_of_birth is null then null
          else p.date_of_birth > (coalesce(i.offence_date, (i.reported_at at time zone 'Europe/London')::date) - interval '18 years')::date end as under18,
        c.enhanced_recorded or f.person_id is not null as enhanced
      from people p join investigations i on i.id = p.investigation_id
      join contracts c on c.person_id = p.id
      left join findings f on f.person_id = p.id and f.code = 'F-ENHANCED-NOT-RECORDED'`,
  );
  const rules: [string, number, string][] = [
    ['OB-INITIAL-CONTACT', 5, 'oic'],
    ['OB-SUPPORT-REFERRAL', 2, 'oic'],
    ['OB-NEEDS-ASSESSMENT', 5, 'imu'],
    ['OB-VICTIM-CARE-CARD', 5, 'imu'],
    ['OB-MANDATORY-UPDATE', 7, 'oic'],
    ['OB-MANDATORY-UPDATE', 20, 'oic'],
    ['OB-INVESTIGATIVE-UPDATE', 33, 'oic'],
    ['OB-INVESTIGATIVE-UPDATE', 61, 'oic'],
    ['OB-VPS-OFFER', 10, 'oic'],
  ];
  for (const [n, [rule, offset, owner]] of rules.entries()) {
    await step(
      `obligations: ${rule} +${offset}`,
      sql`insert into obligations (investigation_id, person_id, rule, due_date, status, met_at, owner, owner_user_id, team_id, source, title, derived_at, under18, enhanced)
        select i.id, p.id, ${rule}::text, d.due,
          case when d.due >= ${today}::date and d.h < 60 then 'due' when d.h < 70 then 'met' when d.h < 85 then 'met-late' when d.h < 95 then 'overdue' else 'not-required' end,
          case when d.h < 70 then d.due - 1 + time '10:00' when d.h < 85 then d.due + 2 + time '10:00' end,
          ${owner}::text, case when ${owner}::text = 'oic' then i.officer_in_charge_id end, i.team_id, 'bench', ${rule}::text, now(),
          p.under18, p.enhanced
        from bench_breakdown p join investigations i on i.id = p.investigation_id
        cross join lateral (select (i.reported_at at time zone 'Europe/London')::date + ${offset}::int as due, ((hashtext(p.id::text || ${String(n)}::text) % 100) + 100) % 100 as h) d`,
    );
  }
  await step('drop the breakdowns', sql`drop table bench_breakdown`);
  await step('vacuum analyze (visibility map for index-only scans)', sql`vacuum analyze`);
  log(`ledger filled in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

async function measure(engine: Engine): Promise<Record<string, unknown>> {
  let pgliteDir: string | null = null;
  let opened: { database: OpenedDatabase; source: string };
  if (engine === 'postgres') opened = await postgresDatabase();
  else {
    pgliteDir = await mkdtemp(join(tmpdir(), 'vc-bench-compliance-'));
    const database = await openDatabase({ dataDir: pgliteDir });
    await fillLedger(database.db, londonDateOfMs(Date.now()));
    opened = { database, source: `PGlite (${VICTIMS.toLocaleString('en-GB')} victims, SQL ledger)` };
  }
  const { database, source } = opened;
  try {
    const db = database.db;
    const today = londonDateOfMs(Date.now());
    const period = { kind: 'custom' as const, from: addCalendarDays(today, -365), to: today };
    const service = new ComplianceService(db, systemClock, shippedRulePack(), { forceName: 'Bench Police' });
    const actor: Actor = {
      id: '00000000-0000-4000-8000-000000000001',
      role: 'compliance',
      teamId: null,
      displayName: 'Bench compliance lead',
    };
    await sql`insert into users (id, username, display_name, role) values (${actor.id}, ${'bench-compliance-' + Date.now()}, 'Bench compliance lead', 'compliance') on conflict (id) do nothing`.execute(
      db,
    );
    const obligations = Number(
      (
        await sql<{
          n: string;
        }>`select count(*) as n from obligations where due_date between ${period.from} and ${period.to}`.execute(
          db,
        )
      ).rows[0]?.n ?? 0,
    );
    log(
      `[${engine}] ${source}; ${obligations.toLocaleString('en-GB')} obligations due in ${period.from} … ${period.to}`,
    );

    const repo = new ComplianceRepository(db);
    for (const compiled of repo.compileSummary({
      from: period.from,
      to: period.to,
      today,
    })) {
      // As the repository runs it: in its tuned transaction.
      const plan = await repo.tuned((trx) =>
        trx.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]),
        ),
      );
      log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }

    const time = async <T>(fn: () => Promise<T>) => {
      const s = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - s) / 1e6;
    };
    const both = () => Promise.all([service.dashboard(actor, period), service.mojReturn(actor, period)]);
    const warm = await time(both);
    const dashboardMs: number[] = [];
    const withReturnMs: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      dashboardMs.push(await time(() => service.dashboard(actor, period)));
      withReturnMs.push(await time(both));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const result = {
      engine,
      source,
      victims: await victimsIn(db),
      obligationsInYear: obligations,
      warmUpMs: Math.round(warm),
      dashboardMedianMs: Math.round(median(dashboardMs)),
      dashboardMaxMs: Math.round(Math.max(...dashboardMs)),
      dashboardWithMojReturnMedianMs: Math.round(median(withReturnMs)),
      targetMs: TARGET_MS,
      met: median(dashboardMs) <= TARGET_MS,
    };
    log(
      `[${engine}] dashboard for a year: median ${result.dashboardMedianMs} ms, max ${result.dashboardMaxMs} ms (target ≤ ${TARGET_MS} ms: ${result.met ? 'met' : 'NOT met'}); with the MoJ return: ${result.dashboardWithMojReturnMedianMs} ms`,
    );
    return result;
  } finally {
    await database.close();
    if (pgliteDir) await rm(pgliteDir, { recursive: true, force: true });
  }
}

const results: Record<string, unknown>[] = [];
for (const engine of ENGINES) results.push(await measure(engine));
for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
process.exitCode = results.every((r) => r['engine'] !== 'postgres' || r['met'] === true) ? 0 : 1;
