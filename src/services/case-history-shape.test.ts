import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isValidInstant, readCaseHistoryDocument } from '../case-history/case-history.schema.js';
import { canonicalInstant, instantForms, shapeOfDocument } from './case-history-shape.js';

/** The forms as `Date` gives them: what `instantForms` must equal, whether it parses or not. */
function byDate(iso: string): { ms: string; seconds: string } {
  const ms = new Date(Date.parse(iso)).toISOString();
  return { ms, seconds: ms.endsWith('.000Z') ? `${ms.slice(0, -5)}Z` : ms };
}

const TRICKY = [
  '2026-03-03T08:30:00Z',
  '2026-03-03T08:30:00.000Z',
  '2026-03-03T08:30:00.500Z',
  '2026-03-03T08:30:00.050Z',
  '2026-03-03T08:30:00.5Z',
  '2026-03-03T08:30:00.50Z',
  '2026-03-03T08:30:00.5000Z',
  '2026-03-03T08:30:00.123456789Z',
  '2026-03-03T08:30Z',
  '2026-04-01T09:30:00+01:00',
  '2026-04-01T09:30:00.250+01:00',
  '2026-04-01T00:30:00+01:00',
  '2026-01-01T00:30:00+05:30',
  '2025-12-31T23:30:00-05:00',
  '2026-03-03T08:30:00+00:00',
  '2026-03-03T08:30:00-00:00',
  '2026-03-03T08:30:00z',
  '2026-03-03t08:30:00Z',
  '2024-02-29T12:00:00Z',
  '2000-02-29T12:00:00.999Z',
  '2023-02-29T12:00:00Z',
  '1900-02-29T12:00:00Z',
  '2026-04-31T10:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00Z',
  '1969-12-31T23:59:59.999Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '2026-10-25T01:30:00Z',
  '2026-03-29T01:00:00Z',
];

test('should give the same instant forms as Date on tricky texts, in and out of the fast path', () => {
  for (const iso of TRICKY) {
    assert.deepEqual(instantForms(iso), byDate(iso), iso);
    assert.equal(canonicalInstant(iso, 'ms'), byDate(iso).ms, iso);
    assert.equal(canonicalInstant(iso, 'seconds'), byDate(iso).seconds, iso);
  }
});

test('should fail like Date on texts that are not instants', () => {
  for (const iso of ['2026-03-03T08:30:60Z', '2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z', 'x']) {
    assert.throws(() => byDate(iso), RangeError, iso);
    assert.throws(() => instantForms(iso), RangeError, iso);
  }
});

test('should give the same instant forms as Date for any instant written in Date form, with or without ms', () => {
  // 0000-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z: the years Date writes with four digits.
  const anyInstant = fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 });
  fc.assert(
    fc.property(anyInstant, fc.boolean(), (t, dropZeroMs) => {
      const full = new Date(t).toISOString();
      const iso = dropZeroMs && full.endsWith('.000Z') ? `${full.slice(0, -5)}Z` : full;
      assert.deepEqual(instantForms(iso), byDate(iso));
    }),
    { numRuns: 2000 },
  );
  // Whole seconds are rare among random milliseconds: check them on their own.
  fc.assert(
    fc.property(fc.integer({ min: -2_000_000_000, max: 4_000_000_000 }), (s) => {
      const full = new Date(s * 1000).toISOString();
      for (const iso of [full, `${full.slice(0, -5)}Z`]) assert.deepEqual(instantForms(iso), byDate(iso));
    }),
    { numRuns: 500 },
  );
});

test('should note the document form and each instant written otherwise', () => {
  const doc = {
    format: 'victim-care/case-history@1',
    investigation: {
      urn: '46/1234/26',
      reportedAt: '2026-03-02T10:15Z',
      offences: [{ category: 'violence-with-injury' }],
    },
    people: [{ id: 'v1', role: 'victim', kind: 'person' }],
    events: [
      { id: 'e1', at: '2026-03-06T18:00:00.000Z', type: 'suspect-arrested' },
      { id: 'e2', at: '2026-03-07T18:00:00.250Z', type: 'suspect-interviewed' },
      { id: 'e3', at: '2026-03-08T19:00:00+01:00', type: 'suspect-interviewed' },
      { id: 'e4', at: '2026-03-09T18:00:00Z', type: 'suspect-arrested' },
    ],
  };
  for (const e of doc.events) assert.ok(isValidInstant(e.at), e.at);
  const read = readCaseHistoryDocument(doc);
  assert.ok(read.ok, JSON.stringify(!read.ok && read.problems));
  const shape = shapeOfDocument(doc, read.history);
  // Two instants in ms form (.000Z, .250Z) against two in seconds form (.250Z, :00Z): seconds wins a tie.
  assert.equal(shape.investigation?.instants, undefined);
  assert.equal(shape.investigation?.reportedAt, '2026-03-02T10:15Z');
  assert.deepEqual(shape.eventSourceAts, [
    '2026-03-06T18:00:00.000Z',
    null,
    '2026-03-08T19:00:00+01:00',
    null,
  ]);

  doc.events[3]!.at = '2026-03-09T18:00:00.000Z';
  const readMs = readCaseHistoryDocument(doc);
  assert.ok(readMs.ok);
  const msShape = shapeOfDocument(doc, readMs.history);
  assert.equal(msShape.investigation?.instants, 'ms');
  assert.deepEqual(msShape.eventSourceAts, [null, null, '2026-03-08T19:00:00+01:00', null]);
});
