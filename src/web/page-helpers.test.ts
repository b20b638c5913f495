import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dateInput, dueInWords, list, londonInstant, pagination } from './page-helpers.js';

test('should read a London wall time as UTC in winter and as UTC+1 in summer, when converting to an instant', () => {
  assert.equal(londonInstant('2026-01-15', '09:30'), '2026-01-15T09:30:00.000Z');
  assert.equal(londonInstant('2026-07-15', '09:30'), '2026-07-15T08:30:00.000Z');
  // The day the clocks go forward (29 March 2026, 01:00 GMT → 02:00 BST).
  assert.equal(londonInstant('2026-03-29', '03:00'), '2026-03-29T02:00:00.000Z');
  assert.equal(londonInstant('2026-03-29', '00:30'), '2026-03-29T00:30:00.000Z');
  assert.equal(londonInstant('2026-07-15', '25:00'), null);
  assert.equal(londonInstant('2026-07-15', ''), null);
});

test('should return "" for an empty date input and null for an impossible one', () => {
  assert.equal(dateInput({}, 'd'), '');
  assert.equal(dateInput({ 'd-day': '31', 'd-month': '2', 'd-year': '2026' }, 'd'), null);
  assert.equal(dateInput({ 'd-day': '3', 'd-month': '4', 'd-year': '2012' }, 'd'), '2012-04-03');
});

test('should always give a list when a checkbox group posts one, many or no values', () => {
  assert.deepEqual(list({ a: 'x' }, 'a'), ['x']);
  assert.deepEqual(list({ a: ['x', 'y'] }, 'a'), ['x', 'y']);
  assert.deepEqual(list({}, 'a'), []);
});

test('should say how far away a due date is in plain words', () => {
  assert.equal(dueInWords('2026-03-10', '2026-03-10'), 'Due today');
  assert.equal(dueInWords('2026-03-11', '2026-03-10'), 'Due tomorrow');
  assert.equal(dueInWords('2026-03-13', '2026-03-10'), 'Due in 3 days');
  assert.equal(dueInWords('2026-03-09', '2026-03-10'), '1 day overdue');
  assert.equal(dueInWords('2026-03-01', '2026-03-10'), '9 days overdue');
});

test('should keep the filters in paging links and mark the current page, when there are several pages', () => {
  const p = pagination('/worklist', { bucket: 'overdue', sort: 'urn' }, 2, 5)!;
  assert.equal(p.previous?.href, '/worklist?bucket=overdue&sort=urn');
  assert.equal(p.next?.href, '/worklist?bucket=overdue&sort=urn&page=3');
  assert.ok(p.items.some((i) => 'current' in i && i.number === 2));
  assert.equal(pagination('/worklist', {}, 1, 1), null);
});
