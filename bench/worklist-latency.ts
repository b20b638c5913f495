/**
 * The officer worklist's latency, measured two ways on one engine (used by run-all.bench.ts and
 * worklist-latency.bench.ts):
 *   - raw: ObligationsRepository.worklistForUser (the items page and the bucket counts), 8 concurrent callers;
 *   - HTTP: GET /api/v1/worklists/mine on a server from buildServer on 127.0.0.1, bearer API tokens, autocannon
 *     at concurrency 8 in a child process (bench/http-load.ts) — the query plus authentication, the audit row of
 *     the view, Fastify and JSON.
 * Each run lasts `seconds` after a warm-up. Also reported: CPU per call of this Node process and (when the
 * PostgreSQL server runs on this machine and /proc is readable) of PostgreSQL's processes, so a slow figure
 * can be told apart from a busy machine. Every loop is bounded in count and time; only 127.0.0.1 is loaded.
 */
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Services } from '../src/composition-root.js';
import type { Config } from '../src/config.js';
import { buildServer } from '../src/http/server.js';
import { actorOf } from '../src/services/auth.service.js';
import type { Db } from '../src/store/database.js';
import type { User } from '../src/store/database.types.js';
import { ObligationsRepository } from '../src/store/obligations.repository.js';

export const CONCURRENCY = 8;
export const WARMUP_SECONDS = 3;
const MAX_RAW_CALLS = 2_000_000;
/** API tokens rotated by the HTTP load (each may make API_RATE_LIMIT requests a minute). */
const TOKENS = 300;

export interface LatencyResult {
  http: { p50: number; p99: number; rps: number; non2xx: number; nodeCpuMs: number; pgCpuMs: number | null };
  raw: { p50: number; p99: number; callsPerS: number; nodeCpuMs: number; pgCpuMs: number | null };
  ratioP99: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** CPU milliseconds used so far by this machine's PostgreSQL processes, or null when they cannot be read. */
function postgresCpuMs(): number | null {
  let ticks = 0;
  let found = false;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
        found = true;
      } catch {
        // the process ended while it was being read
      }
    }
  } catch {
    return null;
  }
  return found ? ticks * 10 : null; // USER_HZ is 100 on Linux
}

/** CPU of this process and of PostgreSQL while `run` runs, per call. */
async function withCpu<T>(calls: (r: T) => number, run: () => Promise<T>) {
  const node0 = process.cpuUsage();
  const pg0 = postgresCpuMs();
  const result = await run();
  const node = process.cpuUsage(node0);
  const pg1 = postgresCpuMs();
  const n = Math.max(1, calls(result));
  return {
    result,
    nodeCpuMs: (node.user + node.system) / 1000 / n,
    pgCpuMs: pg0 === null || pg1 === null ? null : (pg1 - pg0) / n,
  };
}

export async function measureWorklistLatency(options: {
  db: Db;
  services: Services;
  config: Config;
  officer: User;
  admin: User;
  today: string;
  seconds: number;
  log: (line: string) => void;
}): Promise<LatencyResult> {
  const { db, services, config, officer, admin, today, seconds, log } = options;
  const obligations = new ObligationsRepository(db);
  const query = { today };

  const raw = async (runSeconds: number) => {
    const latencies: number[] = [];
    const until = performance.now() + runSeconds * 1000;
    let calls = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < until && calls < MAX_RAW_CALLS) {
          const t = performance.now();
          await obligations.worklistForUser(officer.id, query);
          calls++;
          latencies.push(performance.now() - t);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), callsPerS: calls / runSeconds };
  };
  await raw(WARMUP_SECONDS);
  const rawRun = await withCpu(
    (r) => r.callsPerS * seconds,
    () => raw(seconds),
  );
  const rawResult = { ...rawRun.result, nodeCpuMs: rawRun.nodeCpuMs, pgCpuMs: rawRun.pgCpuMs };
  log(`raw worklist: p50 ${rawResult.p50.toFixed(2)} ms, p99 ${rawResult.p99.toFixed(2)} ms`);

  // Bearer tokens of the officer, rotated by the load generator because the API allows each credential
  // API_RATE_LIMIT requests a minute (the limiter is not what is measured).
  const tokens: string[] = [];
  for (let i = 0; i < TOKENS; i++) {
    tokens.push(await services.auth.createApiToken(actorOf(admin), officer.id, `benchmark ${i}`));
  }
  const server = await buildServer({ services, config, logger: false });
  const address = await server.listen({ host: '127.0.0.1', port: 0 });
  try {
    const url = `${address}/api/v1/worklists/mine`;
    const check = await fetch(url, { headers: { authorization: `Bearer ${tokens[0]!}` } });
    if (check.status !== 200) throw new Error(`GET ${url} answered ${check.status}: ${await check.text()}`);
    await httpLoad({ url, tokens, connections: CONCURRENCY, seconds: WARMUP_SECONDS });
    const httpRun = await withCpu(
      (r) => r.rps * seconds,
      () => httpLoad({ url, tokens, connections: CONCURRENCY, seconds }),
    );
    const http = { ...httpRun.result, nodeCpuMs: httpRun.nodeCpuMs, pgCpuMs: httpRun.pgCpuMs };
    log(
      `HTTP worklist: p50 ${http.p50} ms, p99 ${http.p99} ms, ${Math.round(http.rps)} req/s, non-2xx ${http.non2xx}`,
    );
    return { http, raw: rawResult, ratioP99: http.p99 / rawResult.p99 };
  } finally {
    await server.close();
  }
}

/** Runs bench/http-load.ts (autocannon) in a child process, bounded by a time-out. */
async function httpLoad(spec: { url: string; tokens: string[]; connections: number; seconds: number }) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['bin/tsx.js', 'bench/http-load.ts', JSON.stringify(spec)],
    { timeout: (spec.seconds + 60) * 1000, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as {
    p50: number;
    p99: number;
    rps: number;
    non2xx: number;
  };
}
