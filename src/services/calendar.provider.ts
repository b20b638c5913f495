/**
 * The working-day calendar the rules use: the shipped England & Wales bank holidays plus any an
 * administrator added (stored in `bank_holidays`), with the calendar's version (`calendar_state`, bumped
 * by every change). Reloaded after an administrator's change and every few minutes, so several app
 * instances converge; a derivation asks `inTransaction`, which checks the version in the writing
 * transaction and reloads when another instance changed the calendar, so what is written is never derived
 * with an older calendar than the one committed.
 */
import {
  SHIPPED_BANK_HOLIDAYS,
  WorkingDayCalendar,
  type BankHoliday,
} from '../domain/calendar/working-day-calendar.js';
import type { Db, Trx } from '../store/database.js';
import { createRepositories } from '../store/repositories.js';

const REFRESH_MS = 5 * 60_000;

export interface VersionedCalendar {
  calendar: WorkingDayCalendar;
  /** The `calendar_state` version it was loaded at (-1: the shipped list, never loaded). */
  version: number;
}

export class CalendarProvider {
  private current: VersionedCalendar = {
    calendar: new WorkingDayCalendar(SHIPPED_BANK_HOLIDAYS),
    version: -1,
  };
  private loadedAt = 0;
  private readonly byTransaction = new WeakMap<Trx, VersionedCalendar>();

  constructor(private readonly db: Db | null) {}

  /** The current calendar (synchronous: the rules are pure). */
  get(): WorkingDayCalendar {
    if (this.db && Date.now() - this.loadedAt > REFRESH_MS) void this.reload().catch(() => undefined);
    return this.current.calendar;
  }

  async reload(): Promise<void> {
    if (!this.db) return;
    await this.load(this.db);
  }

  /**
   * The calendar to derive with inside `trx`, and its version: locks the version (see
   * `CalendarRepository.lockVersion`) and reloads the holidays in `trx` when they are not that version's.
   */
  async inTransaction(trx: Trx): Promise<VersionedCalendar> {
    // Once the transaction holds the lock no change can commit before it ends: a batch of derivations in
    // one transaction (the re-derivation sweep) asks once.
    const held = this.byTransaction.get(trx);
    if (held) return held;
    const version = await createRepositories(trx).calendar.lockVersion();
    const current = this.current;
    const calendar = current.version === version ? current : await this.load(trx);
    this.byTransaction.set(trx, calendar);
    return calendar;
  }

  /** Version first, then the holidays: a change committed in between only makes the label older. */
  private async load(db: Db): Promise<VersionedCalendar> {
    const repos = createRepositories(db);
    const version = await repos.calendar.version();
    const extra: BankHoliday[] = await repos.calendar.list();
    const loaded = { calendar: new WorkingDayCalendar([...SHIPPED_BANK_HOLIDAYS, ...extra]), version };
    if (version >= this.current.version) {
      this.current = loaded;
      this.loadedAt = Date.now();
    }
    return loaded;
  }
}
