// Date filters for the Nunjucks views. Everything is shown in UK time (Europe/London), whatever the
// server's TZ. Two kinds of input:
//   - a calendar date 'YYYY-MM-DD' (the domain's dates): shown as that date, never shifted by a zone;
//   - an instant (Date, epoch milliseconds or an ISO 8601 date-time string): converted to London time.
// Empty input (undefined, null, '') renders as ''. Input that is not a date is returned unchanged as text,
// so a bad value shows on the page instead of breaking a whole page mid-shift.

import { MONTH_NAMES as MONTHS } from '../domain/calendar/london-time.js';

const LONDON = 'Europe/London';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** A wall-clock reading in London: month 1–12, weekday 0 (Sunday)–6. */
export interface LondonParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
  /** false for a calendar date given without a time */
  hasTime: boolean;
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Reads a filter input as London wall-clock parts, or null when it is empty or not a date. */
export function toLondonParts(value: unknown): LondonParts | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') {
    const m = CALENDAR_DATE.exec(value.trim());
    if (m) {
      const year = Number(m[1]);
      const month = Number(m[2]);
      const day = Number(m[3]);
      const check = new Date(Date.UTC(year, month - 1, day));
      if (
        check.getUTCFullYear() !== year ||
        check.getUTCMonth() !== month - 1 ||
        check.getUTCDate() !== day
      ) {
        return null;
      }
      return {
        year,
        month,
        day,
        hour: 0,
        minute: 0,
        second: 0,
        weekday: weekdayOf(year, month, day),
        hasTime: false,
      };
    }
  }
  let instant: Date;
  if (value instanceof Date) instant = value;
  else if (typeof value === 'string' || typeof value === 'number') instant = new Date(value);
  else return null;
  if (Number.isNaN(instant.getTime())) return null;

  const parts: Record<string, number> = {};
  for (const p of londonFormat.formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const year = parts['year'] ?? 0;
  const month = parts['month'] ?? 1;
  const day = parts['day'] ?? 1;
  return {
    year,
    month,
    day,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
    weekday: weekdayOf(year, month, day),
    hasTime: true,
  };
}

function fallback(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function monthName(p: LondonParts): string {
  return MONTHS[p.month - 1] ?? '';
}

function shortMonth(p: LondonParts): string {
  return monthName(p).slice(0, 3);
}

/** "28 November 2026" */
export function londonDate(value: unknown): string {
  const p = toLondonParts(value);
  return p ? `${p.day} ${monthName(p)} ${p.year}` : fallback(value);
}

/** "28 Nov 2026, 14:05" (24-hour, London time). A calendar date without a time gives "28 Nov 2026". */
export function londonDateTime(value: unknown): string {
  const p = toLondonParts(value);
  if (!p) return fallback(value);
  const date = `${p.day} ${shortMonth(p)} ${p.year}`;
  return p.hasTime ? `${date}, ${pad2(p.hour)}:${pad2(p.minute)}` : date;
}

/** "2026-11-28": the London calendar date, for `<time datetime>` and form values. */
export function isoDate(value: unknown): string {
  const p = toLondonParts(value);
  return p ? `${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}` : fallback(value);
}

/** "2:05pm", or "2pm" on the hour (the MoJ / GOV.UK 12-hour style). */
function govTime(p: LondonParts): string {
  const h = p.hour % 12 === 0 ? 12 : p.hour % 12;
  const suffix = p.hour < 12 ? 'am' : 'pm';
  return p.minute > 0 ? `${h}:${pad2(p.minute)}${suffix}` : `${h}${suffix}`;
}

export type MojDateType = 'datetime' | 'shortdatetime' | 'date' | 'shortdate' | 'time';

/**
 * The MoJ Frontend `mojDate` filter (used by the timeline component when `datetime.type` is set):
 * datetime "28 November 2026 at 2:05pm", shortdatetime "28 Nov 2026 at 2:05pm", date, shortdate, time.
 * An unknown type returns the input, as MoJ's own filter does.
 */
export function mojDate(value: unknown, type?: string): string {
  const p = toLondonParts(value);
  if (!p) return fallback(value);
  const long = `${p.day} ${monthName(p)} ${p.year}`;
  const short = `${p.day} ${shortMonth(p)} ${p.year}`;
  switch (type) {
    case 'datetime':
      return `${long} at ${govTime(p)}`;
    case 'shortdatetime':
      return `${short} at ${govTime(p)}`;
    case 'date':
      return long;
    case 'shortdate':
      return short;
    case 'time':
      return govTime(p);
    case undefined:
    default:
      return fallback(value);
  }
}

// Moment-style tokens, longest first so "MMMM" wins over "MM". "[text]" is copied literally.
const TOKEN = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|A|a/g;

function ordinal(n: number): string {
  const rem100 = n % 100;
  if (rem100 >= 11 && rem100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/**
 * The MoJ Frontend `date` filter (used by the timeline component when `datetime.format` is set): formats
 * with moment.js-style tokens (YYYY YY MMMM MMM MM M Do DD D dddd ddd HH H hh h mm m ss s A a, [literal])
 * in London time. Without a format it gives `londonDateTime`.
 */
export function formatDate(value: unknown, format?: string): string {
  const p = toLondonParts(value);
  if (!p) return fallback(value);
  if (format === undefined || format === null || format === '') return londonDateTime(value);
  const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  const weekday = WEEKDAYS[p.weekday] ?? '';
  return format.replace(TOKEN, (token: string, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    switch (token) {
      case 'YYYY':
        return String(p.year).padStart(4, '0');
      case 'YY':
        return pad2(p.year % 100);
      case 'MMMM':
        return monthName(p);
      case 'MMM':
        return shortMonth(p);
      case 'MM':
        return pad2(p.month);
      case 'M':
        return String(p.month);
      case 'Do':
        return ordinal(p.day);
      case 'DD':
        return pad2(p.day);
      case 'D':
        return String(p.day);
      case 'dddd':
        return weekday;
      case 'ddd':
        return weekday.slice(0, 3);
      case 'HH':
        return pad2(p.hour);
      case 'H':
        return String(p.hour);
      case 'hh':
        return pad2(h12);
      case 'h':
        return String(h12);
      case 'mm':
        return pad2(p.minute);
      case 'm':
        return String(p.minute);
      case 'ss':
        return pad2(p.second);
      case 's':
        return String(p.second);
      case 'A':
        return p.hour < 12 ? 'AM' : 'PM';
      case 'a':
        return p.hour < 12 ? 'am' : 'pm';
      default:
        return token;
    }
  });
}
