/**
 * The officer's worklist PAGE: server time per request (in-process, Fastify inject: routing, session,
 * service, SQL, Nunjucks render), p50/p95 over every tab, for the busy officer of the force that
 * `npm run bench` imported into `vc_bench`. Target (issue 4): p95 ≤ 100 ms on PostgreSQL at 1,000,000
 * victims. Run after `npm run bench`: node bin/tsx.js bench/worklist-page.bench.ts
 * (BENCH_PG_URL and BENCH_OFFICER point it at another imported force and officer).
 */
import { benchServices } from './bench-services.js';
import { performance } from 'node:perf_hooks';
import { SESSION_COOKIE } from '../src/http/auth.plugin.js';
import { buildServer } from '../src/http/server.js';
import { SYSTEM_ACTOR } from '../src/services/actor.js';
import { openDatabase } from '../src/store/database.js';
import { createRepositories } from '../src/store/repositories.js';

const url = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/vc_bench';
const REQUESTS = Number(process.env.BENCH_PAGE_REQUESTS ?? 200);
const PASSWORD = 'bench-page-password-2026';
/** Whose worklist: `officer0` (the busy officer of `npm run bench`), or the busiest officer in the database. */
const OFFICER = process.env.BENCH_OFFICER ?? 'officer0';

const database = await openDatabase({ databaseUrl: url });
const { services, config } = await benchServices(database.db, { DATABASE_URL: url });
const busy = await createRepositories(database.db).users.getByUsername(OFFICER);
if (!busy) {
  console.error(`no ${OFFICER} in ${url}: run npm run bench first`);
  process.exit(2);
}
await services.admin.resetPassword(SYSTEM_ACTOR, busy.id, PASSWORD);
const { token } = await services.auth.signIn(OFFICER, PASSWORD);
const app = await buildServer({ services, config, logger: false });
await app.ready();

const tabs = [
  '/worklist',
  '/worklist?bucket=overdue',
  '/worklist?bucket=due-today',
  '/worklist?bucket=due-this-week',
  '/worklist?bucket=upcoming',
  '/worklist?page=2',
];
for (let i = 0; i < 20; i++) {
  await app.inject({
    method: 'GET',
    url: tabs[i % tabs.length]!,
    headers: { cookie: `${SESSION_COOKIE}=${token}` },
  });
}
const times: number[] = [];
for (let i = 0; i < REQUESTS; i++) {
  const started = performance.now();
  const res = await app.inject({
    method: 'GET',
    url: tabs[i % tabs.length]!,
    headers: { cookie: `${SESSION_COOKIE}=${token}` },
  });
  times.push(performance.now() - started);
  if (res.statusCode !== 200) throw new Error(`GET ${tabs[i % tabs.length]} answered ${res.statusCode}`);
}
times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
const open = (
  await services.worklists.mine({
    id: busy.id,
    role: 'officer',
    teamId: busy.teamId,
    displayName: busy.displayName,
  })
).counts.total;
console.log(
  `worklist page, ${OFFICER} (${open} open obligations), ${REQUESTS} requests over ${tabs.length} tabs`,
);
console.log(
  `  server time p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms (target p95 ≤ 100 ms)`,
);
console.log(at(0.95) <= 100 ? '  PASS' : '  BELOW TARGET');
await app.close();
await database.close();
