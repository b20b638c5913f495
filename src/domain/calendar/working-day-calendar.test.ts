import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SHIPPED_BANK_HOLIDAYS, WorkingDayCalendar, shippedCalendar } from './working-day-calendar.js';

const calendar = shippedCalendar();
const HOLIDAYS = new Set(SHIPPED_BANK_HOLIDAYS.map((h) => h.date));
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Independent of the calendar under test: weekday from Date, holidays straight from the shipped data. */
const working = (ms: number) => {
  const wd = new Date(ms).getUTCDay();
  return wd !== 0 && wd !== 6 && !HOLIDAYS.has(iso(ms));
};
const start = fc
  .integer({ min: Date.UTC(2018, 0, 1) / DAY, max: Date.UTC(2035, 9, 31) / DAY })
  .map((d) => iso(d * DAY));

test('should ship every England and Wales bank holiday the rulebook names when the calendar is loaded', () => {
  for (const d of [
    '2020-05-08', // VE Day (moved early May bank holiday)
    '2022-06-02', // Spring bank holiday (moved)
    '2022-06-03', // Platinum Jubilee
    '2022-09-19', // State Funeral
    '2023-05-08', // Coronation
    '2026-04-03', // Good Friday
    '2026-04-06', // Easter Monday
    '2026-12-28', // substitute Boxing Day
    '2027-12-27', // substitute Christmas Day
    '2027-12-28', // substitute Boxing Day
  ]) {
    assert.equal(calendar.isBankHoliday(d), true, d);
    assert.equal(calendar.isWorkingDay(d), false, d);
  }
  assert.equal(calendar.isBankHoliday('2020-05-04'), false); // the usual first Monday was moved in 2020
  assert.ok(calendar.firstYear <= 2018);
});

test('should be the Nth working day strictly after the date when counting working days', () => {
  assert.equal(calendar.addWorkingDays('2026-03-06', 1), '2026-03-09'); // Fri → Mon
  assert.equal(calendar.addWorkingDays('2026-03-07', 1), '2026-03-09'); // Sat → Mon
  assert.equal(calendar.addWorkingDays('2026-03-08', 1), '2026-03-09'); // Sun → Mon
  assert.equal(calendar.addWorkingDays('2026-04-02', 1), '2026-04-07'); // Thu before Easter → Tue
  assert.equal(calendar.addWorkingDays('2026-04-03', 1), '2026-04-07'); // from Good Friday itself
  assert.equal(calendar.addWorkingDays('2026-12-24', 2), '2026-12-30');
  assert.equal(calendar.addWorkingDays('2027-12-24', 1), '2027-12-29');
  assert.equal(calendar.addCalendarDays('2026-03-28', 5), '2026-04-02');
});

test('should treat an administrator-added holiday as a non-working day when the calendar is extended', () => {
  const extended = shippedCalendar([{ date: '2026-03-09', name: 'Extra day' }]);
  assert.equal(extended.addWorkingDays('2026-03-06', 1), '2026-03-10');
  assert.equal(new WorkingDayCalendar([]).addWorkingDays('2026-04-02', 1), '2026-04-03');
});

test('should never land on a weekend or bank holiday when adding working days', () => {
  fc.assert(
    fc.property(start, fc.integer({ min: 1, max: 40 }), (d, n) => {
      const due = calendar.addWorkingDays(d, n);
      assert.ok(working(Date.parse(due)), `${d} + ${n} = ${due}`);
    }),
    { numRuns: 3000 },
  );
});

test('should be strictly later for n+1 working days than for n when counting from the same date', () => {
  fc.assert(
    fc.property(start, fc.integer({ min: 0, max: 40 }), (d, n) => {
      assert.ok(calendar.addWorkingDays(d, n + 1) > calendar.addWorkingDays(d, n));
    }),
    { numRuns: 3000 },
  );
});

test('should have exactly n working days in (d, result] when adding n working days', () => {
  fc.assert(
    fc.property(start, fc.integer({ min: 1, max: 40 }), (d, n) => {
      const due = calendar.addWorkingDays(d, n);
      let count = 0;
      for (let ms = Date.parse(d) + DAY; ms <= Date.parse(due); ms += DAY) if (working(ms)) count += 1;
      assert.equal(count, n, `${d} + ${n} = ${due}`);
    }),
    { numRuns: 3000 },
  );
});
