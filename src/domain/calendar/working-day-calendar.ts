/**
 * England & Wales working days: Monday to Friday except bank holidays (one-off and substitute days
 * included). The holiday list is data: the shipped list, extended by an administrator through the store.
 */
import shipped from './bank-holidays.england-and-wales.json' with { type: 'json' };
import {
  addCalendarDays,
  dateToDayNumber,
  dayNumberToDate,
  weekdayOfDayNumber,
  type LocalDate,
} from './london-time.js';

export interface BankHoliday {
  date: LocalDate;
  name: string;
}

export class WorkingDayCalendar {
  private readonly holidays: ReadonlySet<number>;
  readonly firstYear: number;
  readonly lastYear: number;

  constructor(bankHolidays: Iterable<BankHoliday>) {
    const days = new Set<number>();
    let first = Infinity;
    let last = -Infinity;
    for (const h of bankHolidays) {
      days.add(dateToDayNumber(h.date));
      const y = Number(h.date.slice(0, 4));
      first = Math.min(first, y);
      last = Math.max(last, y);
    }
    this.holidays = days;
    this.firstYear = first;
    this.lastYear = last;
  }

  isBankHoliday(date: LocalDate): boolean {
    return this.holidays.has(dateToDayNumber(date));
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.isWorkingDayNumber(dateToDayNumber(date));
  }

  private isWorkingDayNumber(day: number): boolean {
    return weekdayOfDayNumber(day) < 5 && !this.holidays.has(day);
  }

  /** "Within N working days of X": the Nth working day strictly after `date`. */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    let day = dateToDayNumber(date);
    let left = n;
    while (left > 0) {
      day += 1;
      if (this.isWorkingDayNumber(day)) left -= 1;
    }
    return dayNumberToDate(day);
  }

  /** "Within N calendar days of X". */
  addCalendarDays(date: LocalDate, n: number): LocalDate {
    return addCalendarDays(date, n);
  }
}

/** The bank holidays shipped with the product (gov.uk's england-and-wales division, 2018 onward). */
export const SHIPPED_BANK_HOLIDAYS: readonly BankHoliday[] = shipped.events;

export function shippedCalendar(extra: Iterable<BankHoliday> = []): WorkingDayCalendar {
  return new WorkingDayCalendar([...SHIPPED_BANK_HOLIDAYS, ...extra]);
}
