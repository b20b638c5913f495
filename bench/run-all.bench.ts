/**
 * End-to-end benchmark: generate a synthetic force, import it, then measure an officer's worklist over
 * HTTP (autocannon, concurrency 8, bearer API token, a server from buildServer on 127.0.0.1) and the same
 * query run raw on the same engine (ObligationsRepository.worklistForUser, 8 concurrent callers).
 *
 *   npm run bench                               (node bin/tsx.js bench/run-all.bench.ts)
 *   BENCH_VICTIMS=100000 BENCH_ENGINE=postgres npm run bench
 *
 * Environment:
 *   BENCH_VICTIMS   victims in the force (default 1,000,000)
 *   BENCH_ENGINE    postgres | pglite | both (default both)
 *   BENCH_SECONDS   seconds of each latency run (default 15, after 3 s of warm-up)
 *   BENCH_PG_URL    PostgreSQL maintenance URL (default postgres://postgres@127.0.0.1:5432/postgres); the
 *                   benchmark (re)creates the database vc_bench on that server
 *   BENCH_DOCS      markdown file to record results in (default docs/benchmarks.md; "" = do not write)
 *
 * Targets on PostgreSQL: import ≥ 20,000 victims/s, worklist p99 ≤ 30 ms, HTTP ÷ raw (p99) ≤ 1.5.
 * All traffic goes to 127.0.0.1. Every loop is bounded in count and time.
 */
import { benchServices } from './bench-services.js';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generateForce } from '../src/cli/generate.command.js';
import { londonDateOfMs } from '../src/domain/calendar/london-time.js';
import { SYSTEM_ACTOR } from '../src/services/actor.js';
import { caseHistoryFiles } from '../src/services/case-history.service.js';
import { openDatabase, type OpenedDatabase } from '../src/store/database.js';
import type { NewUser } from '../src/store/database.types.js';
import { ObligationsRepository } from '../src/store/obligations.repository.js';
import { createRepositories } from '../src/store/repositories.js';
import {
  measureWorklistLatency,
  type LatencyResult,
  CONCURRENCY,
  WARMUP_SECONDS,
} from './worklist-latency.js';

type Engine = 'postgres' | 'pglite';

const VICTIMS = intEnv('BENCH_VICTIMS', 1_000_000);
const ENGINES: Engine[] = engines(process.env.BENCH_ENGINE ?? 'both');
const SECONDS = intEnv('BENCH_SECONDS', 15);
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DOCS = process.env.BENCH_DOCS ?? 'docs/benchmarks.md';
const TARGETS = { importVictimsPerSecond: 20_000, p99Ms: 30, ratio: 1.5 };

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

interface Result extends LatencyResult {
  date: string;
  engine: Engine;
  victims: number;
  investigations: number;
  generateS: number;
  validateS: number;
  importS: number;
  importVictimsPerS: number;
  openObligations: number;
  loadAvg: string;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function freshPostgres(): Promise<OpenedDatabase> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query('drop database if exists vc_bench with (force)');
    await admin.query('create database vc_bench');
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = '/vc_bench';
  return openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
}

async function runEngine(
  engine: Engine,
  forceDir: string,
  generateS: number,
  today: string,
): Promise<Result> {
  const loadAtStart = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  const pgliteDir = engine === 'pglite' ? await mkdtemp(join(tmpdir(), 'vc-bench-pglite-')) : null;
  const database =
    engine === 'postgres' ? await freshPostgres() : await openDatabase({ dataDir: pgliteDir! });
  try {
    const { services, config } = await benchServices(database.db);
    const repos = createRepositories(database.db);

    // A force's officers: about 150 investigations each over the 150 days; one busy officer carries three shares.
    const sources = await caseHistoryFiles([forceDir], process.cwd());
    const approxCases = Math.ceil(VICTIMS / 1.27);
    const officerCount = Math.max(8, Math.round(approxCases / 150));
    const teams: { id: string }[] = [];
    for (let t = 0; t < Math.ceil(officerCount / 10); t++) {
      teams.push(await repos.users.createTeam({ code: `T${t}`, name: `Team ${t}` }));
    }
    const newUsers: NewUser[] = Array.from({ length: officerCount }, (_, i) => ({
      username: `officer${i}`,
      displayName: `Officer ${i}`,
      role: 'officer',
      teamId: teams[Math.floor(i / 10)]!.id,
      email: null,
      passwordHash: null,
    }));
    for (const u of newUsers) await repos.users.create(u);
    const admin = await repos.users.create({
      username: 'bench-admin',
      displayName: 'Bench admin',
      role: 'admin',
      teamId: null,
      email: null,
      passwordHash: null,
    });
    const busy = (await repos.users.getByUsername('officer0'))!;
    const roundRobin = ['officer0', 'officer0', ...newUsers.map((u) => u.username)];

    log(`[${engine}] importing ${fmt(VICTIMS)} victims (${officerCount} officers) …`);
    let lastLog = 0;
    const report = await services.caseHistories.importSources(SYSTEM_ACTOR, sources, {
      officers: roundRobin,
      onProgress: (p) => {
        if (p.elapsedMs - lastLog > 10_000) {
          lastLog = p.elapsedMs;
          log(`[${engine}]   ${fmt(p.victims)} victims, ${fmt(p.victims / (p.elapsedMs / 1000))}/s`);
        }
      },
    });
    const importS = report.elapsedMs / 1000;
    log(
      `[${engine}] imported ${fmt(report.victims)} victims in ${importS.toFixed(1)} s (${fmt(report.victims / importS)}/s; validation ${(report.readMs / 1000).toFixed(1)} s)`,
    );

    const obligations = new ObligationsRepository(database.db);
    const open = (await obligations.worklistForUser(busy.id, { today })).counts.total;
    const latency = await measureWorklistLatency({
      db: database.db,
      services,
      config,
      officer: busy,
      admin,
      today,
      seconds: SECONDS,
      log: (line) => log(`[${engine}] ${line}`),
    });
    return {
      date: new Date().toISOString().slice(0, 16).replace('T', ' '),
      engine,
      victims: report.victims,
      investigations: report.investigations,
      generateS,
      validateS: report.readMs / 1000,
      importS,
      importVictimsPerS: report.victims / importS,
      openObligations: open,
      ...latency,
      loadAvg: loadAtStart,
    };
  } finally {
    await database.close();
    if (pgliteDir) await rm(pgliteDir, { recursive: true, force: true });
  }
}

const ok = (good: boolean) => (good ? 'yes' : '**no**');

function row(r: Result): string {
  const target = r.engine === 'postgres';
  return [
    r.date,
    r.engine,
    `${fmt(r.victims)} (${fmt(r.investigations)} inv.)`,
    `${fmt(r.importVictimsPerS)}${target ? ` (${ok(r.importVictimsPerS >= TARGETS.importVictimsPerSecond)})` : ''}`,
    `${r.importS.toFixed(0)} s (reading and validating ${r.validateS.toFixed(0)} s)`,
    fmt(r.openObligations),
    `${r.http.p50.toFixed(1)} / ${r.http.p99.toFixed(1)}${target ? ` (${ok(r.http.p99 <= TARGETS.p99Ms)})` : ''}`,
    `${r.raw.p50.toFixed(1)} / ${r.raw.p99.toFixed(1)}`,
    `${r.ratioP99.toFixed(2)}${target ? ` (${ok(r.ratioP99 <= TARGETS.ratio)})` : ''}`,
    `${fmt(r.http.rps)}${r.http.non2xx > 0 ? ` (**${fmt(r.http.non2xx)} non-2xx**)` : ''}`,
    r.loadAvg,
  ].join(' | ');
}

const HEADER =
  '| date (UTC) | engine | victims | import victims/s | import time | busy officer open obligations | HTTP worklist p50 / p99 ms | raw p50 / p99 ms | HTTP ÷ raw (p99) | HTTP req/s | load avg at start |\n' +
  '|---|---|---|---|---|---|---|---|---|---|---|';

async function recordInDocs(results: Result[]): Promise<void> {
  if (DOCS === '') return;
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  let text: string;
  try {
    text = await readFile(DOCS, 'utf8');
  } catch {
    text = `# Benchmarks\n\n${start}\n${end}\n`;
  }
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i === -1 || j === -1) throw new Error(`${DOCS} has no ${start} … ${end} section`);
  const existing = text
    .slice(i + start.length, j)
    .split('\n')
    .filter((l) => /^\| \d{4}-/.test(l));
  // One row per engine and size: a new run replaces the old one.
  const key = (line: string) =>
    line
      .split(' | ')
      .slice(1, 3)
      .map((c) => c.trim().replace(/ \(.*$/, ''))
      .join('|');
  const fresh = results.map((r) => `| ${row(r)} |`);
  const kept = existing.filter((l) => !fresh.some((f) => key(f) === key(l)));
  const rows = [...kept, ...fresh].sort((a, b) => key(a).localeCompare(key(b)));
  await writeFile(
    DOCS,
    `${text.slice(0, i + start.length)}\n${HEADER}\n${rows.join('\n')}\n${text.slice(j)}`,
  );
}

async function main(): Promise<void> {
  log(
    `benchmark: ${fmt(VICTIMS)} victims on ${ENGINES.join(' and ')}, ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const forceDir = await mkdtemp(join(tmpdir(), 'vc-bench-force-'));
  try {
    const today = londonDateOfMs(Date.now());
    const t = performance.now();
    const force = await generateForce(forceDir, { victims: VICTIMS, seed: 2026, today });
    const generateS = (performance.now() - t) / 1000;
    log(
      `generated ${fmt(force.investigations)} investigations, ${fmt(force.victims)} victims in ${generateS.toFixed(1)} s`,
    );
    const results: Result[] = [];
    for (const engine of ENGINES) results.push(await runEngine(engine, forceDir, generateS, today));
    process.stdout.write(`\n${HEADER}\n${results.map((r) => `| ${row(r)} |`).join('\n')}\n`);
    process.stdout.write(
      `\nTargets (PostgreSQL): import ≥ ${fmt(TARGETS.importVictimsPerSecond)} victims/s, worklist p99 ≤ ${TARGETS.p99Ms} ms, HTTP ÷ raw ≤ ${TARGETS.ratio}. ` +
        `Latency runs: ${SECONDS} s at concurrency ${CONCURRENCY} after ${WARMUP_SECONDS} s warm-up.\n`,
    );
    await recordInDocs(results);
  } finally {
    await rm(forceDir, { recursive: true, force: true });
  }
}

await main();
