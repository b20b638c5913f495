import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CaseBuilder, evaluateAt } from '../../test/support/case-builder.js';
import { NO_PERSON_BREAKDOWN, reportBreakdowns } from './report-breakdown.js';

const AS_OF = '2026-08-01T12:00:00Z';

test('should band by age on the offence date, 18 on that very day being 18-plus, when the offence date is known', () => {
  const h = new CaseBuilder({ offenceDate: '2026-01-10', reportedAt: '2026-03-02T10:15:00Z' })
    .victim('v1', { dateOfBirth: '2008-01-11' })
    .victim('v2', { dateOfBirth: '2008-01-10' })
    .victim('v3', { dateOfBirth: null })
    .build();
  const b = reportBreakdowns(h, []);
  assert.equal(b.get('v1')?.ageBand, 'under-18');
  assert.equal(b.get('v2')?.ageBand, '18-plus');
  assert.equal(b.get('v3')?.ageBand, 'unknown');
});

test('should band by the London report date when the offence date is unknown', () => {
  // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): 18 that day.
  const h = new CaseBuilder({ offenceDate: null, reportedAt: '2026-06-30T23:30:00Z' })
    .victim('v1', { dateOfBirth: '2008-07-01' })
    .build();
  assert.equal(reportBreakdowns(h, []).get('v1')?.ageBand, '18-plus');
});

test('should count a victim as enhanced when recorded on the contract, by an event or by the engine finding', () => {
  const h = new CaseBuilder({ offences: ['theft'] })
    .victim('v1', { contract: { enhancedRecorded: true } })
    .victim('v2')
    .victim('v3', { dateOfBirth: '2015-01-01' })
    .victim('v4')
    .personal('e1', '2026-03-03T10:00:00Z', 'enhanced-recorded', { person: 'v2' })
    .build();
  const b = reportBreakdowns(h, evaluateAt(h, AS_OF).findings);
  assert.deepEqual(
    ['v1', 'v2', 'v3', 'v4'].map((v) => b.get(v)?.enhanced),
    // v3 is under 18 (vulnerable): entitled, not recorded, so the engine raises F-ENHANCED-NOT-RECORDED.
    [true, true, true, false],
  );
});

test('should give investigation-level obligations age not recorded and not enhanced', () => {
  assert.deepEqual(NO_PERSON_BREAKDOWN, { ageBand: 'unknown', enhanced: false });
});
