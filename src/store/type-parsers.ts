/**
 * How values come back from PostgreSQL, identically on PGlite and on `pg`:
 * - `date` (oid 1082) → the `YYYY-MM-DD` text as sent by the server, never a JS Date (a Date is a local
 *   midnight and shifts a day under `TZ=Europe/London` in BST);
 * - `timestamptz` (1184) and `timestamp` (1114, read as UTC) → an ISO 8601 UTC string in
 *   `Date#toISOString()` form (`2026-03-02T10:15:00.000Z`), milliseconds precision, whatever the
 *   session time zone — the same form the domain uses for instants;
 * - `int8` (20) → a JS number (bigserial ids and counts stay far below 2^53).
 * Everything else keeps each driver's default (jsonb → parsed value, bytea → Uint8Array/Buffer).
 */

export const OID = { int8: 20, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

const TIMESTAMP =
  /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(\.\d+)?(?:(Z)|([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?$/;

/** Parses PostgreSQL's text form of a timestamp(tz) into `Date#toISOString()` form (UTC, ms). */
export function parseInstant(value: string): string {
  const m = TIMESTAMP.exec(value);
  if (!m) return value; // 'infinity', '-infinity', BC dates: left as the server wrote them
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om, os] = m;
  const ms = frac ? Number((frac.slice(1) + '00').slice(0, 3)) : 0;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), ms);
  let t = date.getTime();
  if (sign) {
    const offsetSeconds = Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0);
    t -= (sign === '+' ? 1 : -1) * offsetSeconds * 1000;
  }
  return new Date(t).toISOString();
}

export const identity = (value: string): string => value;

/** Parsers keyed by type oid, shared by both engines. */
export const typeParsers: Readonly<Record<number, (value: string) => unknown>> = {
  [OID.int8]: (value: string) => Number(value),
  [OID.date]: identity,
  [OID.timestamp]: parseInstant,
  [OID.timestamptz]: parseInstant,
};
