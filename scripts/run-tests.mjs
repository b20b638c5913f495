#!/usr/bin/env node
// Runs the test tiers with node's own test runner (through tsx for TypeScript).
//   node scripts/run-tests.mjs [unit|db|browser|all]   (default: all)
// Tiers, by file name:
//   *.test.ts          unit and route tests: pure, in-process, PGlite in memory where a store is needed
//   *.db.test.ts       database tier: run once on PGlite and once on PostgreSQL (TEST_DATABASE_URL,
//                      default postgres://postgres@127.0.0.1:5432/postgres); PostgreSQL is skipped with a
//                      notice when it cannot be reached, except under CI=true where it must be there
//   *.browser.test.ts  journeys in headless Debian Chromium (/usr/bin/chromium); skipped with a notice when
//                      Chromium is absent, except under CI=true
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const tier = process.argv[2] ?? 'all';
const ci = process.env.CI === 'true';

function find(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const all = [...find('src'), ...find('test')].sort();
const unit = all.filter((f) => !f.endsWith('.db.test.ts') && !f.endsWith('.browser.test.ts'));
const db = all.filter((f) => f.endsWith('.db.test.ts'));
const browser = all.filter((f) => f.endsWith('.browser.test.ts'));

const totals = { pass: 0, fail: 0, skipped: 0 };
let failed = false;

function run(label, files, env = {}) {
  if (files.length === 0) return;
  console.log(`\n=== ${label}: ${files.length} file(s)`);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TZ: process.env.TZ ?? 'UTC', ...env } },
  );
  const out = r.stdout.toString();
  process.stdout.write(out);
  const num = (k) => Number((out.match(new RegExp(`ℹ ${k} (\\d+)`)) ?? [])[1] ?? 0);
  totals.pass += num('pass');
  totals.fail += num('fail');
  totals.skipped += num('skipped');
  if (r.status !== 0) failed = true;
}

async function postgresUrl() {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch {
    return null;
  }
}

if (tier === 'unit' || tier === 'all') run('unit', unit);
if (tier === 'db' || tier === 'all') {
  run('database tier on PGlite', db, { TEST_ENGINE: 'pglite' });
  const url = await postgresUrl();
  if (url) run('database tier on PostgreSQL', db, { TEST_ENGINE: 'postgres', TEST_DATABASE_URL: url });
  else if (ci) {
    console.error('PostgreSQL is not reachable and CI=true: the database tier must run on both engines.');
    failed = true;
  } else console.log('\n(PostgreSQL not reachable: database tier skipped on PostgreSQL)');
}
if (tier === 'browser' || tier === 'all') {
  if (existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) run('browser', browser);
  else if (ci && browser.length > 0) {
    console.error('Chromium is not installed and CI=true: the browser tier must run.');
    failed = true;
  } else if (browser.length > 0) console.log('\n(/usr/bin/chromium absent: browser tier skipped)');
}

console.log(`\n${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
process.exit(failed || totals.fail > 0 ? 1 : 0);
