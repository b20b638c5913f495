/**
 * The working-day calendar the rules use: the shipped England & Wales bank holidays plus any an
 * administrator added (stored in `bank_holidays`). Reloaded after an administrator's change and every few
 * minutes, so several app instances converge.
 */
import {
  SHIPPED_BANK_HOLIDAYS,
  WorkingDayCalendar,
  type BankHoliday,
} from '../domain/calendar/working-day-calendar.js';
import type { Db } from '../store/database.js';
import { createRepositories } from '../store/repositories.js';

const REFRESH_MS = 5 * 60_000;

export class CalendarProvider {
  private calendar = new WorkingDayCalendar(SHIPPED_BANK_HOLIDAYS);
  private loadedAt = 0;

  constructor(private readonly db: Db | null) {}

  /** The current calendar (synchronous: the rules are pure). */
  get(): WorkingDayCalendar {
    if (this.db && Date.now() - this.loadedAt > REFRESH_MS) void this.reload().catch(() => undefined);
    return this.calendar;
  }

  async reload(): Promise<void> {
    if (!this.db) return;
    const extra = await createRepositories(this.db).calendar.list();
    this.calendar = new WorkingDayCalendar([...SHIPPED_BANK_HOLIDAYS, ...extra]);
    this.loadedAt = Date.now();
  }

  async add(holiday: BankHoliday): Promise<void> {
    if (!this.db) throw new Error('no database');
    await createRepositories(this.db).calendar.add(holiday);
    await this.reload();
  }
}
