/**
 * London local time without I/O or Intl look-ups: UK clocks go forward at 01:00 UTC on the last Sunday of
 * March and back at 01:00 UTC on the last Sunday of October (Summer Time Order 2002). Property tests check
 * this against the platform's tz database. All day arithmetic in the rules uses these local dates.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** English month names, for dates written out in full ("28 November 2026"). */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A London local date, `YYYY-MM-DD`. */
export type LocalDate = string;

const bstCache = new Map<number, readonly [number, number]>();

function lastSundayUtc(year: number, month: number): number {
  const lastDay = Date.UTC(year, month + 1, 0);
  const weekday = new Date(lastDay).getUTCDay();
  return lastDay - weekday * DAY_MS;
}

/** [start, end) of British Summer Time in `year`, as epoch milliseconds. */
function bstRange(year: number): readonly [number, number] {
  let range = bstCache.get(year);
  if (!range) {
    range = [lastSundayUtc(year, 2) + HOUR_MS, lastSundayUtc(year, 9) + HOUR_MS] as const;
    bstCache.set(year, range);
  }
  return range;
}

// Proleptic Gregorian day numbers by arithmetic (H. Hinnant's days_from_civil / civil_from_days): no Date
// is allocated and nothing is looked up, and these run for every event of every evaluation.

/** Days since 1970-01-01 of year `y`, month `m` (1-12), day `d`; days past the month's end run on. */
function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The calendar year of a day number (the inverse of `daysFromCivil`, year only). */
function yearOfDayNumber(day: number): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March … 11 = February
  return yearOfEra + era * 400 + (shiftedMonth >= 10 ? 1 : 0);
}

/** London's offset from UTC at an instant, in milliseconds (0 or 3,600,000). */
export function londonOffsetMs(epochMs: number): number {
  const [start, end] = bstRange(yearOfDayNumber(Math.floor(epochMs / DAY_MS)));
  return epochMs >= start && epochMs < end ? HOUR_MS : 0;
}

/** The value of the `count` ASCII digits of `s` from `at`, or -1 if any is not a digit. */
function digits(s: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Epoch milliseconds of an ISO 8601 instant, or NaN. The form every stored instant takes,
 * `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ`, is read by arithmetic (Date.parse was half the
 * cost of preparing a case); anything else (an offset, other precision, an out-of-range field) goes to
 * Date.parse, which gives the same answer for the fast form.
 */
export function instantMs(iso: string): number {
  const n = iso.length;
  if ((n === 20 || (n === 24 && iso.charCodeAt(19) === 46)) && iso.charCodeAt(n - 1) === 90) {
    const y = digits(iso, 0, 4);
    const mo = digits(iso, 5, 2);
    const d = digits(iso, 8, 2);
    const h = digits(iso, 11, 2);
    const mi = digits(iso, 14, 2);
    const sec = digits(iso, 17, 2);
    const milli = n === 24 ? digits(iso, 20, 3) : 0;
    const separators =
      iso.charCodeAt(4) === 45 &&
      iso.charCodeAt(7) === 45 &&
      iso.charCodeAt(10) === 84 &&
      iso.charCodeAt(13) === 58 &&
      iso.charCodeAt(16) === 58;
    if (
      separators &&
      y >= 0 &&
      mo >= 1 &&
      mo <= 12 &&
      d >= 1 &&
      d <= 31 &&
      h >= 0 &&
      h <= 23 &&
      mi >= 0 &&
      mi <= 59 &&
      sec >= 0 &&
      sec <= 59 &&
      milli >= 0
    ) {
      return daysFromCivil(y, mo, d) * DAY_MS + h * HOUR_MS + mi * 60_000 + sec * 1000 + milli;
    }
  }
  return Date.parse(iso);
}

const MIN_FOUR_DIGIT_YEAR_MS = -62_167_219_200_000; // 0000-01-01T00:00:00Z
const MAX_FOUR_DIGIT_YEAR_MS = 253_402_300_800_000; // 10000-01-01T00:00:00Z
const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * Canonical form of an instant: `2026-03-20T12:00:00.000Z`, exactly as `Date#toISOString` writes it.
 * Formatted by arithmetic (with the memoised date part), several times faster than allocating a Date.
 */
export function toInstant(epochMs: number): string {
  if (
    !(epochMs >= MIN_FOUR_DIGIT_YEAR_MS && epochMs < MAX_FOUR_DIGIT_YEAR_MS) ||
    !Number.isInteger(epochMs)
  ) {
    return new Date(epochMs).toISOString();
  }
  const day = Math.floor(epochMs / DAY_MS);
  let rest = epochMs - day * DAY_MS;
  const h = Math.floor(rest / HOUR_MS);
  rest -= h * HOUR_MS;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  const milli = rest - sec * 1000;
  const ms3 = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : `${milli}`;
  return `${dayNumberToDate(day)}T${pad2(h)}:${pad2(m)}:${pad2(sec)}.${ms3}Z`;
}

/** The London calendar date of an instant. */
export function londonDateOfMs(epochMs: number): LocalDate {
  return dayNumberToDate(Math.floor((epochMs + londonOffsetMs(epochMs)) / DAY_MS));
}

export function londonDate(iso: string): LocalDate {
  return londonDateOfMs(instantMs(iso));
}

/** London wall-clock parts of an instant: weekday (0 = Monday … 6 = Sunday) and minutes after midnight. */
export function londonClock(epochMs: number): { date: LocalDate; weekday: number; minutes: number } {
  const local = epochMs + londonOffsetMs(epochMs);
  const day = Math.floor(local / DAY_MS);
  return {
    date: dayNumberToDate(day),
    weekday: weekdayOfDayNumber(day),
    minutes: Math.floor((local - day * DAY_MS) / 60_000),
  };
}

// Day numbers and their `YYYY-MM-DD` strings are converted on every rule evaluation. A well-formed date
// is read by arithmetic; a day's string is memoised in a table indexed by day (1900 to 2199, the dates a
// deployment sees), and anything else falls back to Date and a bounded map.
const CACHE_LIMIT = 100_000;
const dayOfDate = new Map<string, number>();
const dateOfDay = new Map<number, LocalDate>();
const TABLE_FIRST_DAY = daysFromCivil(1900, 1, 1);
const TABLE_DAYS = daysFromCivil(2200, 1, 1) - TABLE_FIRST_DAY;
const dateOfTableDay = new Array<LocalDate | undefined>(TABLE_DAYS).fill(undefined);

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (days past a month's end run on, as Date.UTC does). */
export function dateToDayNumber(date: LocalDate): number {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const y = digits(date, 0, 4);
    const m = digits(date, 5, 2);
    const d = digits(date, 8, 2);
    // Date.UTC reads years 0-99 as 1900-1999, and carries months over: leave those to it.
    if (y >= 100 && m >= 1 && m <= 12 && d >= 0) return daysFromCivil(y, m, d);
  }
  let day = dayOfDate.get(date);
  if (day === undefined) {
    const y = Number(date.slice(0, 4));
    const m = Number(date.slice(5, 7));
    const d = Number(date.slice(8, 10));
    day = Date.UTC(y, m - 1, d) / DAY_MS;
    if (dayOfDate.size >= CACHE_LIMIT) dayOfDate.clear();
    dayOfDate.set(date, day);
  }
  return day;
}

export function dayNumberToDate(day: number): LocalDate {
  const index = day - TABLE_FIRST_DAY;
  if (index >= 0 && index < TABLE_DAYS && Number.isInteger(index)) {
    return (dateOfTableDay[index] ??= new Date(day * DAY_MS).toISOString().slice(0, 10));
  }
  let date = dateOfDay.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dateOfDay.size >= CACHE_LIMIT) dateOfDay.clear();
    dateOfDay.set(day, date);
  }
  return date;
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOfDayNumber(day: number): number {
  // 1970-01-01 was a Thursday (3).
  return (((day + 3) % 7) + 7) % 7;
}

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  return dayNumberToDate(dateToDayNumber(date) + days);
}

/** Same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(date: LocalDate, years: number): LocalDate {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  if (md === '02-29') {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return `${y}-${leap ? '02-29' : '02-28'}`;
  }
  return `${String(y).padStart(4, '0')}-${md}`;
}

/** Whole years from `birth` to `on` (an age). */
export function ageOn(birth: LocalDate, on: LocalDate): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** True when `date` is a real calendar date written `YYYY-MM-DD`. */
export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  return dayNumberToDate(dateToDayNumber(date)) === date;
}
