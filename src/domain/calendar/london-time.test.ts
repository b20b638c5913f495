import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addYears,
  ageOn,
  dateToDayNumber,
  dayNumberToDate,
  instantMs,
  isValidDate,
  londonClock,
  londonDate,
  londonOffsetMs,
  toInstant,
} from './london-time.js';

const london = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
function tz(ms: number): { date: string; minutes: number } {
  const parts = Object.fromEntries(london.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}
const FROM = Date.UTC(2018, 0, 1);
const TO = Date.UTC(2036, 0, 1) - 1;

test('should give the London date of a late-evening BST instant when it is after 23:00 UTC in summer', () => {
  // §1: 2026-06-10T23:30:00Z is 00:30 BST on 2026-06-11.
  assert.equal(londonDate('2026-06-10T23:30:00Z'), '2026-06-11');
  assert.equal(londonDate('2026-06-10T22:59:59Z'), '2026-06-10');
  // In winter (GMT) the London date is the UTC date.
  assert.equal(londonDate('2026-01-10T23:30:00Z'), '2026-01-10');
});

test('should switch to BST at 01:00 UTC on 2026-03-29 and back at 01:00 UTC on 2026-10-25 when the clocks change', () => {
  assert.equal(londonOffsetMs(Date.parse('2026-03-29T00:59:59Z')), 0);
  assert.equal(londonOffsetMs(Date.parse('2026-03-29T01:00:00Z')), 3_600_000);
  assert.equal(londonOffsetMs(Date.parse('2026-10-25T00:59:59Z')), 3_600_000);
  assert.equal(londonOffsetMs(Date.parse('2026-10-25T01:00:00Z')), 0);
  assert.equal(londonDate('2026-03-28T23:30:00Z'), '2026-03-28');
  assert.equal(londonDate('2026-03-29T23:30:00Z'), '2026-03-30');
  assert.equal(londonDate('2026-10-24T23:30:00Z'), '2026-10-25');
  assert.equal(londonDate('2026-10-25T23:30:00Z'), '2026-10-25');
  // An instant written with an offset is read as the same instant.
  assert.equal(londonDate('2026-06-11T00:30:00+01:00'), '2026-06-11');
});

test('should equal the tz database London date when given any instant from 2018 to 2035', () => {
  fc.assert(
    fc.property(fc.integer({ min: FROM, max: TO }), (ms) => {
      const iso = new Date(ms).toISOString();
      assert.equal(londonDate(iso), tz(ms).date, iso);
    }),
    { numRuns: 5000 },
  );
});

test('should equal the tz database London date and clock when the instant is within days of a clock change', () => {
  // Any minute from the 24th to the end of March or October (the last Sunday is always in that span).
  fc.assert(
    fc.property(
      fc.integer({ min: 2018, max: 2035 }),
      fc.constantFrom(2, 9),
      fc.integer({ min: 0, max: 8 * 24 * 60 - 1 }),
      (year, month, minute) => {
        const ms = Date.UTC(year, month, 24) + minute * 60_000;
        const want = tz(ms);
        const got = londonClock(ms);
        assert.equal(got.date, want.date, new Date(ms).toISOString());
        assert.equal(got.minutes, want.minutes, new Date(ms).toISOString());
      },
    ),
    { numRuns: 5000 },
  );
});

test('should compute ages and anniversaries on calendar dates when birthdays fall on the date or a leap day', () => {
  assert.equal(ageOn('2008-03-02', '2026-03-01'), 17);
  assert.equal(ageOn('2008-03-02', '2026-03-02'), 18);
  assert.equal(ageOn('2008-02-29', '2026-02-28'), 17);
  assert.equal(ageOn('2008-02-29', '2026-03-01'), 18);
  assert.equal(addYears('2026-03-01', 2), '2028-03-01');
  assert.equal(addYears('2024-02-29', 2), '2026-02-28');
  assert.equal(isValidDate('2026-02-29'), false);
  assert.equal(isValidDate('2028-02-29'), true);
  assert.equal(isValidDate('2026-13-01'), false);
});

test('should write an instant exactly as Date#toISOString does when formatting canonical instants', () => {
  fc.assert(
    fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
      assert.equal(toInstant(ms), new Date(ms).toISOString());
    }),
    { numRuns: 5000 },
  );
  assert.equal(toInstant(Date.parse('2026-06-10T23:30:00Z')), '2026-06-10T23:30:00.000Z');
  assert.equal(toInstant(Date.parse('2026-03-20T13:00:00.5+01:00')), '2026-03-20T12:00:00.500Z');
});

test('should read an instant exactly as Date.parse does when it is written in the stored form or any other', () => {
  fc.assert(
    fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
      const iso = new Date(ms).toISOString();
      assert.equal(instantMs(iso), ms, iso);
      const seconds = iso.slice(0, 19) + 'Z';
      assert.equal(instantMs(seconds), Date.parse(seconds), seconds);
    }),
    { numRuns: 5000 },
  );
  // Forms left to Date.parse, and fields out of range, give Date.parse's answer (a number or NaN).
  for (const iso of [
    '2026-06-11T00:30:00+01:00',
    '2026-03-20T13:00:00.5Z',
    '2026-01-01T00:00Z',
    '2026-01-01t00:00:00z',
    '2026-02-30T00:00:00Z',
    '2026-04-31T12:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T00:00:60Z',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-01-00T00:00:00Z',
    '2026-01-32T00:00:00Z',
    '0050-01-01T00:00:00Z',
    '1700-02-29T12:00:00Z',
    '2026-1a-01T00:00:00Z',
    '2026-01-01T00:00:00.12aZ',
    'not a date',
  ]) {
    assert.ok(Object.is(instantMs(iso), Date.parse(iso)), iso);
  }
});

test('should convert dates and day numbers exactly as Date does when given any day from year 100 to 9999', () => {
  fc.assert(
    fc.property(fc.integer({ min: -682_000, max: 2_932_896 }), (day) => {
      const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      assert.equal(dayNumberToDate(day), date);
      assert.equal(dateToDayNumber(date), day, date);
    }),
    { numRuns: 5000 },
  );
  // Days past a month's end run on, as Date.UTC has them; two-digit years are Date.UTC's 1900s.
  for (const date of [
    '2026-02-30',
    '2026-01-00',
    '2026-04-31',
    '2026-13-01',
    '0050-03-01',
    '2026-1-01',
    'abcd-ef-gh',
  ]) {
    const utc =
      Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
      86_400_000;
    assert.ok(Object.is(dateToDayNumber(date), utc), date);
  }
});
