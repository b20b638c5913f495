/**
 * Re-derivation after a bank-holiday change: the due dates of the investigations whose working-day
 * counts span the changed date move (and move back), the others are not touched; a sweep resumes where
 * it stopped; sweeps in two instances never re-derive the same investigation; a change waits for the
 * derivations in flight; a write in an instance whose calendar is stale derives with the new one.
 *
 * Today is Wednesday 3 June 2026. OB-SUPPORT-REFERRAL is due 2 working days after the report.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Actor } from '../auth/access.policy.js';
import { createServices, type Services } from '../composition-root.js';
import { shippedRulePack } from '../domain/rules/rule-pack.js';
import { openDatabase, type Db } from '../store/database.js';
import { createRepositories } from '../store/repositories.js';
import { makeUser } from '../store/testing/fixtures.js';
import { openTestDatabase, testEngine, type TestDatabase } from '../store/testing/test-database.js';
import { actorOf } from './auth.service.js';
import { CalendarProvider } from './calendar.provider.js';
import { newEventInput, newInvestigationInput, type NewEventInput } from './case.schemas.js';
import { FixedClock } from './clock.js';
import { deriveInvestigation } from './derivation.js';
import type { RederivationLog } from './rederivation.service.js';

const NOW = '2026-06-03T12:00:00Z';
const postgresOnly =
  testEngine() === 'postgres'
    ? {}
    : { skip: 'PGlite has one connection: nothing runs beside an open transaction' };

interface Instance {
  services: Services;
  clock: FixedClock;
  errors: unknown[];
}

interface World extends Instance {
  t: TestDatabase;
  admin: Actor;
  officer: Actor;
  /** Another app instance on the same database (its own pool on PostgreSQL, its own calendar cache). */
  second(): Promise<Instance>;
  close(): Promise<void>;
}

const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const close of closers.reverse()) await close();
});

async function instance(db: Db): Promise<Instance> {
  const calendar = new CalendarProvider(db);
  await calendar.reload();
  const clock = new FixedClock(new Date(NOW));
  const errors: unknown[] = [];
  const log: RederivationLog = { info: () => undefined, error: (fields) => errors.push(fields) };
  const services = createServices({
    db,
    clock,
    pack: shippedRulePack(),
    calendar,
    config: { SESSION_IDLE_MINUTES: 30, SESSION_ABSOLUTE_HOURS: 12 },
    log,
  });
  return { services, clock, errors };
}

async function openWorld(): Promise<World> {
  const t = await openTestDatabase();
  const first = await instance(t.db);
  const others: { services: Services; close?: () => Promise<void> }[] = [];
  const world: World = {
    ...first,
    t,
    admin: actorOf(await makeUser(t.db, { role: 'admin' })),
    officer: actorOf(await makeUser(t.db, { role: 'officer' })),
    async second() {
      if (!t.url) {
        const other = await instance(t.db);
        others.push({ services: other.services });
        return other;
      }
      const opened = await openDatabase({ databaseUrl: t.url, poolSize: 3 });
      const other = await instance(opened.db);
      others.push({ services: other.services, close: () => opened.close() });
      return other;
    },
    async close() {
      await first.services.rederivation.stop();
      for (const o of others) {
        await o.services.rederivation.stop();
        await o.close?.();
      }
      await t.close();
    },
  };
  closers.push(() => world.close());
  return world;
}

let urns = 0;
async function newCase(
  w: World,
  reportedAt: string,
  events: Record<string, unknown>[] = [],
  services: Services = w.services,
): Promise<string> {
  const inv = await services.cases.createInvestigation(
    w.officer,
    newInvestigationInput.parse({
      urn: `46/${9000 + urns++}/26`,
      reportedAt,
      offences: [{ category: 'violence-with-injury' }],
      officerInChargeId: w.officer.id,
    }),
  );
  await services.cases.addPerson(w.officer, inv.id, { role: 'victim', kind: 'person', name: 'Sam Victim' });
  for (const e of events) {
    await services.cases.recordEvent(w.officer, inv.id, newEventInput.parse(e) as NewEventInput);
  }
  return inv.id;
}

const referral = (at: string) => ({
  type: 'support-referral',
  at,
  person: 'v1',
  service: 'victim-support',
  consent: 'explicit',
});

async function obligation(db: Db, investigationId: string, rule = 'OB-SUPPORT-REFERRAL') {
  return db
    .selectFrom('obligations')
    .select(['dueDate', 'status', 'derivedAt'])
    .where('investigationId', '=', investigationId)
    .where('rule', '=', rule)
    .executeTakeFirstOrThrow();
}

async function ledger(db: Db, investigationId: string) {
  return db
    .selectFrom('obligations')
    .select(['rule', 'dueDate', 'status', 'derivedAt'])
    .where('investigationId', '=', investigationId)
    .orderBy('rule')
    .orderBy('dueDate')
    .execute();
}

async function stamp(db: Db, investigationId: string): Promise<number> {
  const row = await db
    .selectFrom('investigations')
    .select('derivedCalendarVersion')
    .where('id', '=', investigationId)
    .executeTakeFirstOrThrow();
  return row.derivedCalendarVersion;
}

async function rederiveAudits(db: Db) {
  return db.selectFrom('auditLog').selectAll().where('action', '=', 'rederive').orderBy('id').execute();
}

const auditedIds = (rows: { detail: Record<string, unknown> }[]) =>
  rows.flatMap((r) => r.detail['investigations'] as string[]);

/** A change recorded as an administrator's is, by an instance that stopped before it swept. */
async function changeLeftUnswept(w: World, date: string): Promise<number> {
  const version = await w.t.db.transaction().execute(async (trx) => {
    const r = createRepositories(trx);
    const v = await r.calendar.recordChange({
      date,
      change: 'added',
      name: 'State occasion',
      changedAt: NOW,
      changedBy: w.admin.id,
    });
    await r.calendar.add({ date, name: 'State occasion' });
    return v;
  });
  await w.services.calendar.reload();
  return version;
}

describe('re-derivation after a bank-holiday change', () => {
  test('should move the due dates the change spans, and no others, when a bank holiday is added, and move them back when it is removed', async () => {
    const w = await openWorld();
    // Reported Wed 27 May: the referral is due Fri 29 May; Thursday 28 May becomes a holiday → Mon 1 June.
    const open = await newCase(w, '2026-05-27T09:00:00Z');
    // Reported Tue 26 May, due Thu 28 May, referred Fri 29 May: met late, until 28 May is a holiday.
    const met = await newCase(w, '2026-05-26T09:00:00Z', [referral('2026-05-29T10:00:00Z')]);
    // Reported 1 April and not investigated: every due date is in April, before the change.
    const before = await newCase(w, '2026-04-01T09:00:00Z', [
      { type: 'decision-not-to-investigate', at: '2026-04-02T10:00:00Z' },
    ]);
    assert.deepEqual(await obligation(w.t.db, open), {
      dueDate: '2026-05-29',
      status: 'overdue',
      derivedAt: NOW.replace('Z', '.000Z'),
    });
    assert.equal((await obligation(w.t.db, met)).status, 'met-late');
    const beforeLedger = await ledger(w.t.db, before);
    assert.ok(beforeLedger.length > 0 && beforeLedger.every((o) => o.dueDate < '2026-05-28'));

    w.clock.set('2026-06-03T13:00:00Z');
    await w.services.admin.addBankHoliday(w.admin, { date: '2026-05-28', name: 'State occasion' });
    await w.services.rederivation.idle();

    assert.deepEqual(await obligation(w.t.db, open), {
      dueDate: '2026-06-01',
      status: 'overdue',
      derivedAt: '2026-06-03T13:00:00.000Z',
    });
    assert.deepEqual(await obligation(w.t.db, met), {
      dueDate: '2026-05-29',
      status: 'met',
      derivedAt: '2026-06-03T13:00:00.000Z',
    });
    assert.deepEqual(await ledger(w.t.db, before), beforeLedger, 'an investigation the change cannot move');
    assert.deepEqual(
      [await stamp(w.t.db, open), await stamp(w.t.db, met), await stamp(w.t.db, before)],
      [1, 1, 0],
    );
    let audits = await rederiveAudits(w.t.db);
    assert.equal(audits.length, 1);
    assert.deepEqual(auditedIds(audits).sort(), [open, met].sort());
    assert.equal(audits[0]!.recordType, 'investigation-batch');
    assert.equal(audits[0]!.userId, null);
    assert.match(audits[0]!.reason ?? '', /bank holiday 2026-05-28 added \(State occasion\)/);
    assert.equal(audits[0]!.detail['calendarVersion'], 1);
    assert.deepEqual(await w.services.rederivation.status(), {
      calendarVersion: 1,
      changesToQueue: 0,
      pending: 0,
      failed: 0,
      running: false,
    });

    w.clock.set('2026-06-03T14:00:00Z');
    await w.services.admin.removeBankHoliday(w.admin, '2026-05-28');
    await w.services.rederivation.idle();
    assert.equal((await obligation(w.t.db, open)).dueDate, '2026-05-29');
    assert.deepEqual(await obligation(w.t.db, met), {
      dueDate: '2026-05-28',
      status: 'met-late',
      derivedAt: '2026-06-03T14:00:00.000Z',
    });
    assert.deepEqual(await ledger(w.t.db, before), beforeLedger);
    audits = await rederiveAudits(w.t.db);
    assert.equal(audits.length, 2);
    assert.deepEqual((audits[1]!.detail['investigations'] as string[]).sort(), [open, met].sort());
    assert.match(audits[1]!.reason ?? '', /bank holiday 2026-05-28 removed/);
    assert.deepEqual(w.errors, []);
  });

  test('should queue nothing for a holiday on a weekend, and re-derive nothing when a name is changed', async () => {
    const w = await openWorld();
    const open = await newCase(w, '2026-05-27T09:00:00Z');
    await w.services.admin.addBankHoliday(w.admin, { date: '2026-05-30', name: 'A Saturday' });
    await w.services.rederivation.idle();
    assert.equal((await w.services.rederivation.status()).calendarVersion, 1);
    await w.services.admin.addBankHoliday(w.admin, { date: '2026-05-30', name: 'Renamed' });
    await w.services.rederivation.idle();
    assert.equal((await w.services.rederivation.status()).calendarVersion, 1, 'a rename is no change');
    assert.equal(await stamp(w.t.db, open), 0);
    assert.deepEqual(await rederiveAudits(w.t.db), []);
  });

  test('should resume where a sweep stopped, and re-derive each investigation once', async () => {
    const w = await openWorld();
    // Reported Tue 2 June: due Thu 4 June; Thursday becomes a holiday → Fri 5 June.
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await newCase(w, '2026-06-02T09:00:00Z'));
    const version = await changeLeftUnswept(w, '2026-06-04');
    assert.deepEqual(await w.services.rederivation.status(), {
      calendarVersion: version,
      changesToQueue: 1,
      pending: 0,
      failed: 0,
      running: false,
    });

    const first = await w.services.rederivation.sweep({ batchSize: 2, maxBatches: 1 });
    assert.deepEqual(
      { ...first },
      {
        batches: 1,
        rederived: 2,
        alreadyCurrent: 0,
        failed: 0,
        left: 3,
        changesQueued: 1,
        queued: 5,
        stopped: true,
      },
    );
    const stamps = await Promise.all(ids.map((id) => stamp(w.t.db, id)));
    assert.equal(stamps.filter((s) => s === version).length, 2);
    assert.equal((await w.services.rederivation.status()).pending, 3);

    // A write re-derives one of the queued investigations meanwhile: the sweep finds it current.
    const written = ids[stamps.indexOf(0)]!;
    await w.services.cases.recordEvent(
      w.officer,
      written,
      newEventInput.parse(referral('2026-06-03T09:00:00Z')) as NewEventInput,
    );
    assert.equal(await stamp(w.t.db, written), version);

    const rest = await w.services.rederivation.sweep({ batchSize: 2 });
    assert.deepEqual(
      { ...rest },
      {
        batches: 2,
        rederived: 2,
        alreadyCurrent: 1,
        failed: 0,
        left: 0,
        changesQueued: 0,
        queued: 0,
        stopped: false,
      },
    );
    for (const id of ids) {
      assert.equal((await obligation(w.t.db, id)).dueDate, '2026-06-05', id);
      assert.equal(await stamp(w.t.db, id), version);
    }
    const audited = auditedIds(await rederiveAudits(w.t.db));
    assert.equal(audited.length, 4);
    assert.equal(new Set(audited).size, 4, 'no investigation re-derived twice');
    assert.ok(!audited.includes(written));
    assert.equal((await w.services.rederivation.status()).pending, 0);
  });

  test('should share the queue between two instances sweeping at once, re-deriving each investigation once', async () => {
    const w = await openWorld();
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await newCase(w, '2026-06-02T09:00:00Z'));
    const version = await changeLeftUnswept(w, '2026-06-04');
    const other = await w.second();
    const [a, b] = await Promise.all([
      w.services.rederivation.sweep({ batchSize: 1 }),
      other.services.rederivation.sweep({ batchSize: 1 }),
    ]);
    assert.equal(a.rederived + b.rederived, 8);
    assert.equal(a.changesQueued + b.changesQueued, 1, 'the change is queued once');
    const audited = auditedIds(await rederiveAudits(w.t.db));
    assert.deepEqual([...audited].sort(), [...ids].sort());
    for (const id of ids) assert.equal(await stamp(w.t.db, id), version);
    assert.deepEqual([...w.errors, ...other.errors], []);
  });

  test('should skip, not wait for, investigations another transaction holds', postgresOnly, async () => {
    const w = await openWorld();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await newCase(w, '2026-06-02T09:00:00Z'));
    await changeLeftUnswept(w, '2026-06-04');
    await w.services.rederivation.queueChanges();
    const other = await w.second();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held: string[] = [];
    let holding!: () => void;
    const holds = new Promise<void>((resolve) => (holding = resolve));
    // Another instance's batch holds one queued investigation; an officer's write holds another.
    const transaction = other.services.db.transaction().execute(async (trx) => {
      const r = createRepositories(trx);
      const [claimed] = await r.rederivations.claimBatch(1);
      const written = ids.find((id) => id !== claimed!.investigationId)!;
      await r.investigations.lockById(written);
      held = [claimed!.investigationId, written];
      holding();
      await released;
    });
    await holds;
    const report = await w.services.rederivation.sweep({ batchSize: 10 });
    assert.equal(report.rederived, 2);
    assert.equal(report.left, 2);
    for (const id of held) assert.equal(await stamp(w.t.db, id), 0, 'held: skipped');
    release();
    await transaction;
    assert.equal((await w.services.rederivation.sweep()).rederived, 2);
    for (const id of ids) assert.equal((await obligation(w.t.db, id)).dueDate, '2026-06-05');
  });

  test(
    'should make a change wait for a derivation in flight, and queue the investigation it wrote',
    postgresOnly,
    async () => {
      const w = await openWorld();
      const id = await newCase(w, '2026-06-02T09:00:00Z');
      const other = await w.second();
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let deriving!: () => void;
      const derived = new Promise<void>((resolve) => (deriving = resolve));
      // Another instance derives with the calendar before the change and has not committed yet.
      const write = other.services.db.transaction().execute(async (trx) => {
        await deriveInvestigation(trx, id, other.services.rules, other.clock.now());
        deriving();
        await released;
      });
      await derived;
      let changed = false;
      const change = w.services.admin
        .addBankHoliday(w.admin, { date: '2026-06-04', name: 'State occasion' })
        .then(() => (changed = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(changed, false, 'the change waits for the derivation in flight');
      release();
      await write;
      await change;
      assert.equal(await stamp(w.t.db, id), 0, 'derived with the calendar before the change');
      await w.services.rederivation.idle();
      assert.equal((await obligation(w.t.db, id)).dueDate, '2026-06-05');
      assert.equal(await stamp(w.t.db, id), 1);
    },
  );

  test('should derive with the new calendar in an instance that has not reloaded it yet', async () => {
    const w = await openWorld();
    const other = await w.second();
    assert.equal(other.services.calendar.get().isWorkingDay('2026-06-04'), true);
    await w.services.admin.addBankHoliday(w.admin, { date: '2026-06-04', name: 'State occasion' });
    await w.services.rederivation.idle();
    assert.equal(other.services.calendar.get().isWorkingDay('2026-06-04'), true, 'its cache is stale');
    const id = await newCase(w, '2026-06-02T09:00:00Z', [], other.services);
    assert.equal((await obligation(w.t.db, id)).dueDate, '2026-06-05');
    assert.equal(await stamp(w.t.db, id), 1);
  });

  test('should mark an investigation whose re-derivation fails, finish the others, and retry it when asked', async () => {
    const w = await openWorld();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await newCase(w, '2026-06-02T09:00:00Z'));
    const poisoned = [...ids].sort()[1]!;
    await changeLeftUnswept(w, '2026-06-04');
    const { sql } = await import('kysely');
    await sql`create function refuse_obligation() returns trigger language plpgsql as $$
      begin
        if new.investigation_id = ${sql.lit(poisoned)}::uuid then raise exception 'refused for the test'; end if;
        return new;
      end $$`.execute(w.t.db);
    await sql`create trigger refuse_obligation before insert on obligations
      for each row execute function refuse_obligation()`.execute(w.t.db);

    const report = await w.services.rederivation.sweep({ batchSize: 10 });
    assert.equal(report.rederived, 2);
    assert.equal(report.failed, 1);
    assert.equal(report.left, 0);
    assert.deepEqual(await w.services.rederivation.status(), {
      calendarVersion: 1,
      changesToQueue: 0,
      pending: 0,
      failed: 1,
      running: false,
    });
    const [failure] = await w.services.rederivation.failures();
    assert.equal(failure!.investigationId, poisoned);
    assert.match(failure!.error ?? '', /refused for the test/);
    assert.equal(await stamp(w.t.db, poisoned), 0);
    assert.equal((await obligation(w.t.db, poisoned)).dueDate, '2026-06-04', 'its ledger as it was');
    assert.equal(w.errors.length, 1);

    assert.equal((await w.services.rederivation.sweep()).rederived, 0, 'a background sweep leaves it');
    await sql`drop trigger refuse_obligation on obligations`.execute(w.t.db);
    const retried = await w.services.rederivation.sweep({ retryFailed: true });
    assert.equal(retried.rederived, 1);
    assert.equal((await obligation(w.t.db, poisoned)).dueDate, '2026-06-05');
    assert.equal((await w.services.rederivation.status()).failed, 0);
  });
});
