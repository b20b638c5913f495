import { sql } from 'kysely';
import type { BankHoliday } from '../domain/calendar/working-day-calendar.js';
import type { Db } from './database.js';
import type { CalendarChange, CalendarChangeKind } from './database.types.js';

/**
 * Key of the transaction-scoped advisory lock between derivations (shared) and calendar changes
 * (exclusive). An advisory lock, not a row lock: the lock manager queues a new shared request behind a
 * waiting change, so a change is not starved by a steady stream of writes.
 */
export const CALENDAR_LOCK_KEY = 7_265_102_002;

export interface NewCalendarChange {
  date: string;
  change: CalendarChangeKind;
  name: string | null;
  changedAt: string;
  changedBy: string | null;
}

/**
 * Bank holidays an administrator added beyond the shipped list, and the calendar's version: every change
 * to the list is recorded (`recordChange`) in the transaction that makes it, and bumps the version.
 */
export class CalendarRepository {
  constructor(private readonly db: Db) {}

  list(): Promise<BankHoliday[]> {
    return this.db.selectFrom('bankHolidays').select(['date', 'name']).orderBy('date').execute();
  }

  async has(date: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('bankHolidays')
      .select('date')
      .where('date', '=', date)
      .executeTakeFirst();
    return row !== undefined;
  }

  async add(holiday: BankHoliday): Promise<void> {
    await this.db
      .insertInto('bankHolidays')
      .values({ ...holiday, source: 'admin' })
      .onConflict((oc) => oc.column('date').doUpdateSet({ name: holiday.name }))
      .execute();
  }

  async remove(date: string): Promise<boolean> {
    const r = await this.db.deleteFrom('bankHolidays').where('date', '=', date).executeTakeFirst();
    return r.numDeletedRows > 0n;
  }

  /** The calendar's version as committed now (no lock). */
  async version(): Promise<number> {
    const row = await this.db
      .selectFrom('calendarState')
      .select('version')
      .where('id', '=', 1)
      .executeTakeFirst();
    return row?.version ?? 0;
  }

  /**
   * The calendar's version, with the calendar lock held shared until the transaction ends: a derivation
   * calls it in its own transaction, so a change (`recordChange`) waits for the derivations in flight, and
   * a derivation that starts meanwhile waits for the change and then reads its version (the read is a
   * statement after the lock, so under READ COMMITTED it sees the committed change).
   */
  async lockVersion(): Promise<number> {
    await sql`select pg_advisory_xact_lock_shared(${sql.lit(CALENDAR_LOCK_KEY)})`.execute(this.db);
    return this.version();
  }

  /**
   * Records a change to the bank holidays and returns the calendar's new version. Call it first in the
   * transaction that adds or removes the holiday (it waits for the derivations in flight), and append the
   * audit entry last.
   */
  async recordChange(change: NewCalendarChange): Promise<number> {
    await sql`select pg_advisory_xact_lock(${sql.lit(CALENDAR_LOCK_KEY)})`.execute(this.db);
    const { version } = await this.db
      .updateTable('calendarState')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', 1)
      .returning('version')
      .executeTakeFirstOrThrow();
    await this.db
      .insertInto('calendarChanges')
      .values({ version, ...change })
      .execute();
    return version;
  }

  /**
   * The oldest change whose affected investigations are not queued yet, row-locked (skipping one another
   * instance is queueing) until the transaction ends; undefined when there is none.
   */
  nextChangeToQueue(): Promise<CalendarChange | undefined> {
    return this.db
      .selectFrom('calendarChanges')
      .selectAll()
      .where('queuedAt', 'is', null)
      .orderBy('version')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
  }

  async markQueued(version: number, at: string): Promise<void> {
    await this.db
      .updateTable('calendarChanges')
      .set({ queuedAt: at })
      .where('version', '=', version)
      .execute();
  }

  /** Marks every change not queued, so that a sweep queues each one's investigations again. */
  async unqueueAll(): Promise<number> {
    const r = await this.db
      .updateTable('calendarChanges')
      .set({ queuedAt: null })
      .where('queuedAt', 'is not', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async countUnqueued(): Promise<number> {
    const row = await this.db
      .selectFrom('calendarChanges')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('queuedAt', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The changes after version `after` up to and including `upTo`, in order. */
  changesBetween(after: number, upTo: number): Promise<CalendarChange[]> {
    return this.db
      .selectFrom('calendarChanges')
      .selectAll()
      .where('version', '>', after)
      .where('version', '<=', upTo)
      .orderBy('version')
      .execute();
  }
}
