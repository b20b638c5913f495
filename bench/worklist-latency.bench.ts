/**
 * The officer worklist's latency (HTTP and raw, see worklist-latency.ts) again, on a force already imported
 * by `npm run bench` — without its generation and import (25 minutes at 1,000,000 victims), e.g. once
 * the machine is quiet, or after a change to the request path.
 *
 *   node bin/tsx.js bench/worklist-latency.bench.ts
 *
 * Environment:
 *   BENCH_DB_URL    the imported force (default postgres://postgres@127.0.0.1:5432/vc_bench)
 *   BENCH_OFFICER   the officer measured (default officer0, run-all's busy officer)
 *   BENCH_SECONDS   seconds of each run (default 15, after 3 s of warm-up)
 */
import { benchServices } from './bench-services.js';
import { cpus, loadavg } from 'node:os';
import { londonDateOfMs } from '../src/domain/calendar/london-time.js';
import { openDatabase } from '../src/store/database.js';
import { ObligationsRepository } from '../src/store/obligations.repository.js';
import { createRepositories } from '../src/store/repositories.js';
import { CONCURRENCY, measureWorklistLatency, WARMUP_SECONDS } from './worklist-latency.js';

const url = process.env.BENCH_DB_URL ?? 'postgres://postgres@127.0.0.1:5432/vc_bench';
const officerName = process.env.BENCH_OFFICER ?? 'officer0';
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
if (!Number.isInteger(seconds) || seconds < 1) throw new Error('BENCH_SECONDS must be a whole number ≥ 1');
const log = (line: string) => process.stderr.write(`${line}\n`);

const database = await openDatabase({ databaseUrl: url, poolSize: 10 });
try {
  const repos = createRepositories(database.db);
  const officer = await repos.users.getByUsername(officerName);
  const admin = await repos.users.getByUsername('bench-admin');
  if (!officer || !admin) {
    throw new Error(`${url} has no ${officerName} or bench-admin: run npm run bench first`);
  }
  const { services, config } = await benchServices(database.db);
  const today = londonDateOfMs(Date.now());
  const victims = await database.db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('role', '=', 'victim')
    .executeTakeFirstOrThrow();
  const open = (await new ObligationsRepository(database.db).worklistForUser(officer.id, { today })).counts
    .total;
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  log(
    `worklist latency: ${Number(victims.n).toLocaleString('en-GB')} victims, ${officerName} with ${open} open obligations, ${cpus().length} cores, load ${load}`,
  );
  const r = await measureWorklistLatency({
    db: database.db,
    services,
    config,
    officer,
    admin,
    today,
    seconds,
    log,
  });
  const cpu = (node: number, pg: number | null) =>
    `Node ${node.toFixed(2)} ms${pg === null ? '' : `, PostgreSQL ${pg.toFixed(2)} ms`}`;
  process.stdout.write(
    [
      `| ${new Date().toISOString().slice(0, 16).replace('T', ' ')} | ${Number(victims.n).toLocaleString('en-GB')} | ${open} | ${r.http.p50.toFixed(1)} / ${r.http.p99.toFixed(1)} | ${r.raw.p50.toFixed(1)} / ${r.raw.p99.toFixed(1)} | ${r.ratioP99.toFixed(2)} | ${Math.round(r.http.rps)} / ${Math.round(r.raw.callsPerS)} | ${cpu(r.http.nodeCpuMs, r.http.pgCpuMs)} / ${cpu(r.raw.nodeCpuMs, r.raw.pgCpuMs)} | ${load} |`,
      `(${seconds} s at concurrency ${CONCURRENCY} after ${WARMUP_SECONDS} s warm-up; columns: date, victims, open obligations, HTTP p50/p99 ms, raw p50/p99 ms, HTTP ÷ raw p99, HTTP req/s / raw calls/s, CPU per HTTP request / per raw call, load)`,
    ].join('\n') + '\n',
  );
} finally {
  await database.close();
}
