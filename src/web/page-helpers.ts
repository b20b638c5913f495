// Small helpers for page routes: form bodies (checkbox lists, London date and time inputs), zod issues
// and service ValidationFailed problems as GOV.UK field errors, and paging links.
import type { z } from 'zod';
import { londonOffsetMs } from '../domain/calendar/london-time.js';
import { ValidationFailed } from '../services/service-errors.js';
import type { FieldErrors } from './form-errors.js';

export type FormBody = Record<string, unknown>;

/** The posted body as a plain record ({} when absent). */
export function formBody(body: unknown): FormBody {
  return body !== null && typeof body === 'object' ? (body as FormBody) : {};
}

/** A text field: trimmed, '' when absent. */
export function text(body: FormBody, name: string): string {
  const v = body[name];
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0].trim() : '';
  return typeof v === 'string' ? v.trim() : '';
}

/** A checkbox group: always a list (one ticked box posts a string, none posts nothing). */
export function list(body: FormBody, name: string): string[] {
  const v = body[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x !== '');
  return typeof v === 'string' && v !== '' ? [v] : [];
}

/** A yes/no radio: true, false, or undefined when not answered. */
export function yesNo(body: FormBody, name: string): boolean | undefined {
  const v = text(body, name);
  return v === 'yes' ? true : v === 'no' ? false : undefined;
}

/** A GOV.UK date input (name-day, name-month, name-year) as YYYY-MM-DD, '' when all empty, null when invalid. */
export function dateInput(body: FormBody, name: string): string | null {
  const d = text(body, `${name}-day`);
  const m = text(body, `${name}-month`);
  const y = text(body, `${name}-year`);
  if (d === '' && m === '' && y === '') return '';
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().startsWith(iso) ? iso : null;
}

/** A London local date and HH:MM time as an ISO instant (UTC); null when either is invalid. */
export function londonInstant(date: string, time: string): string | null {
  const t = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(time.trim());
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!t || !d) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  // The offset at the instant itself: try the offset of the wall time read as UTC, then correct once.
  let ms = wall - londonOffsetMs(wall);
  ms = wall - londonOffsetMs(ms);
  return new Date(ms).toISOString();
}

/** The date/time parts of "now" in London, to prefill "when" fields. */
export function londonNowParts(nowMs: number): {
  date: string;
  day: string;
  month: string;
  year: string;
  time: string;
} {
  const local = new Date(nowMs + londonOffsetMs(nowMs));
  const iso = local.toISOString();
  return {
    date: iso.slice(0, 10),
    day: String(local.getUTCDate()),
    month: String(local.getUTCMonth() + 1),
    year: String(local.getUTCFullYear()),
    time: iso.slice(11, 16),
  };
}

/** Upper-cases the first letter of a service or zod message for a GOV.UK error message. */
export function sentence(message: string): string {
  return message.length === 0 ? message : message[0]!.toUpperCase() + message.slice(1);
}

/** zod issues as { field: message } (the first issue per top-level field), field name prefixed when useful. */
export function zodErrors(
  error: z.ZodError,
  labels: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (out[field] !== undefined) continue;
    const label = labels[field];
    out[field] = label ? `${label}: ${issue.message}` : sentence(issue.message);
  }
  return out;
}

/** A service's ValidationFailed as field errors; `fieldMap` renames service fields to form fields. */
export function serviceErrors(
  error: ValidationFailed,
  fieldMap: Readonly<Record<string, string>> = {},
  labels: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of error.problems) {
    const top = p.field.split(/[.[]/, 1)[0] ?? p.field;
    const field = fieldMap[p.field] ?? fieldMap[top] ?? top;
    const label = labels[field];
    const message =
      label && !p.message.toLowerCase().startsWith(label.toLowerCase())
        ? `${label}: ${p.message}`
        : sentence(p.message);
    out[field] = out[field] === undefined ? message : `${out[field]}; ${p.message}`;
  }
  return out;
}

/** Runs `fn`; a ValidationFailed becomes field errors, anything else is thrown on. */
export async function withFieldErrors<T>(
  fn: () => Promise<T>,
  fieldMap: Readonly<Record<string, string>> = {},
  labels: Readonly<Record<string, string>> = {},
): Promise<{ ok: true; value: T } | { ok: false; errors: FieldErrors }> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (e instanceof ValidationFailed) return { ok: false, errors: serviceErrors(e, fieldMap, labels) };
    throw e;
  }
}

/** A positive whole number from a query string, or the fallback. */
export function pageNumber(value: unknown, fallback = 1): number {
  const n = typeof value === 'string' ? Number.parseInt(value, 10) : NaN;
  return Number.isFinite(n) && n >= 1 && n <= 100000 ? n : fallback;
}

export interface PaginationParams {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: number; href: string; current?: boolean } | { ellipsis: true })[];
}

/** govukPagination params for `page` of `pages`, keeping the other query parameters. */
export function pagination(
  path: string,
  query: Readonly<Record<string, string | undefined>>,
  page: number,
  pages: number,
): PaginationParams | null {
  if (pages <= 1) return null;
  const href = (n: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== '' && k !== 'page') params.set(k, v);
    }
    if (n > 1) params.set('page', String(n));
    const qs = params.toString();
    return qs === '' ? path : `${path}?${qs}`;
  };
  const items: PaginationParams['items'] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 1) {
      items.push({ number: n, href: href(n), ...(n === page ? { current: true } : {}) });
    } else if (!('ellipsis' in (items[items.length - 1] ?? {}))) items.push({ ellipsis: true });
  }
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
    items,
  };
}

/** "Due today", "Due tomorrow", "Due in 3 days", "2 days overdue" (London dates, calendar days). */
export function dueInWords(dueDate: string, today: string): string {
  const days = Math.round(
    (Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
  if (Number.isNaN(days)) return '';
  if (days === 0) return 'Due today';
  if (days === 1) return 'Due tomorrow';
  if (days > 1) return `Due in ${days} days`;
  return days === -1 ? '1 day overdue' : `${-days} days overdue`;
}
