import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDate, isoDate, londonDate, londonDateTime, mojDate, toLondonParts } from './date-filters.js';

describe('londonDate', () => {
  it('should write a calendar date in words without shifting it by a time zone', () => {
    assert.equal(londonDate('2026-11-28'), '28 November 2026');
    assert.equal(londonDate('2026-06-01'), '1 June 2026');
  });

  it('should give the London date of an instant, which is the next day late on a summer evening in UTC', () => {
    assert.equal(londonDate('2026-06-30T23:30:00Z'), '1 July 2026');
    assert.equal(londonDate(new Date('2026-12-31T23:30:00Z')), '31 December 2026');
  });

  it('should render empty input as empty text and keep input that is not a date', () => {
    assert.equal(londonDate(undefined), '');
    assert.equal(londonDate(null), '');
    assert.equal(londonDate(''), '');
    assert.equal(londonDate('not a date'), 'not a date');
    assert.equal(londonDate('2026-02-30'), '2026-02-30');
  });
});

describe('londonDateTime', () => {
  it('should show a winter instant in GMT and a summer instant in BST, 24-hour', () => {
    assert.equal(londonDateTime('2026-11-28T14:05:00Z'), '28 Nov 2026, 14:05');
    assert.equal(londonDateTime('2026-07-04T08:00:00Z'), '4 Jul 2026, 09:00');
    assert.equal(londonDateTime(Date.UTC(2026, 0, 5, 0, 7)), '5 Jan 2026, 00:07');
  });

  it('should handle both sides of the clock change', () => {
    // 29 March 2026: clocks go forward at 01:00 GMT
    assert.equal(londonDateTime('2026-03-29T00:59:00Z'), '29 Mar 2026, 00:59');
    assert.equal(londonDateTime('2026-03-29T01:00:00Z'), '29 Mar 2026, 02:00');
    // 25 October 2026: clocks go back at 01:00 GMT
    assert.equal(londonDateTime('2026-10-25T00:30:00Z'), '25 Oct 2026, 01:30');
    assert.equal(londonDateTime('2026-10-25T01:30:00Z'), '25 Oct 2026, 01:30');
  });

  it('should show a calendar date without a time', () => {
    assert.equal(londonDateTime('2026-09-03'), '3 Sep 2026');
  });
});

describe('isoDate', () => {
  it('should give YYYY-MM-DD for the London date', () => {
    assert.equal(isoDate('2026-11-28'), '2026-11-28');
    assert.equal(isoDate('2026-06-30T23:30:00Z'), '2026-07-01');
    assert.equal(isoDate(new Date('2026-01-02T10:00:00Z')), '2026-01-02');
  });
});

describe('mojDate (MoJ timeline)', () => {
  const instant = '2026-11-28T14:05:00Z';
  it('should format each MoJ type', () => {
    assert.equal(mojDate(instant, 'datetime'), '28 November 2026 at 2:05pm');
    assert.equal(mojDate(instant, 'shortdatetime'), '28 Nov 2026 at 2:05pm');
    assert.equal(mojDate(instant, 'date'), '28 November 2026');
    assert.equal(mojDate(instant, 'shortdate'), '28 Nov 2026');
    assert.equal(mojDate(instant, 'time'), '2:05pm');
  });

  it('should drop the minutes on the hour and use 12am and 12pm', () => {
    assert.equal(mojDate('2026-11-28T09:00:00Z', 'time'), '9am');
    assert.equal(mojDate('2026-11-28T00:00:00Z', 'time'), '12am');
    assert.equal(mojDate('2026-11-28T12:30:00Z', 'time'), '12:30pm');
    assert.equal(mojDate('2026-07-01T11:00:00Z', 'time'), '12pm');
  });

  it('should return the input for an unknown type', () => {
    assert.equal(mojDate(instant, 'fortnight'), instant);
  });
});

describe('formatDate (MoJ `date` filter, moment-style tokens)', () => {
  it('should format common patterns in London time', () => {
    assert.equal(formatDate('2026-07-04T08:05:09Z', 'DD/MM/YYYY HH:mm:ss'), '04/07/2026 09:05:09');
    assert.equal(
      formatDate('2026-07-04T13:05:00Z', 'dddd D MMMM YYYY [at] h:mma'),
      'Saturday 4 July 2026 at 2:05pm',
    );
    assert.equal(formatDate('2026-11-01', 'ddd Do MMM YY'), 'Sun 1st Nov 26');
    assert.equal(formatDate('2026-11-12', 'Do'), '12th');
    assert.equal(formatDate('2026-11-23', 'Do'), '23rd');
  });

  it('should fall back to londonDateTime without a format', () => {
    assert.equal(formatDate('2026-11-28T14:05:00Z'), '28 Nov 2026, 14:05');
  });
});

describe('toLondonParts', () => {
  it('should give the weekday of a calendar date', () => {
    assert.equal(toLondonParts('2026-11-28')?.weekday, 6);
    assert.equal(toLondonParts('2026-11-28')?.hasTime, false);
  });

  it('should return null for values that are not dates', () => {
    assert.equal(toLondonParts({}), null);
    assert.equal(toLondonParts(Number.NaN), null);
  });
});
