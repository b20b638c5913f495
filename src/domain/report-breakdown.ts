/**
 * What the compliance report groups each victim's obligations by, decided once per derivation and stored
 * on every obligation row so that the report never has to re-decide it (and never joins people for it):
 *
 * - the age band at the time of the offence (UNDER_18_BREAKDOWN): the age on the offence date (the report
 *   date where the offence date is unknown) — the date EL-ENHANCED reads "vulnerable: under 18" on —
 *   or `unknown` without a date of birth;
 * - enhanced (ENHANCED_BREAKDOWN): enhanced status recorded (on the contract, or by an
 *   `enhanced-recorded` event), or the engine raised F-ENHANCED-NOT-RECORDED (entitled, not recorded).
 */
import { ageOn, londonDate } from './calendar/london-time.js';
import type { CaseHistory } from './case-history/case-history.types.js';
import type { Finding } from './evaluation.types.js';
import { ENHANCED_BREAKDOWN, UNDER_18_BREAKDOWN } from './rules/rights.js';

export type AgeBand = 'under-18' | '18-plus' | 'unknown';

export interface PersonBreakdown {
  ageBand: AgeBand;
  enhanced: boolean;
}

/** For investigation-level obligations (no person owed): age not recorded, not enhanced. */
export const NO_PERSON_BREAKDOWN: PersonBreakdown = { ageBand: 'unknown', enhanced: false };

/** Each person's breakdown, by their ref in the history (`v1` …), from the facts and the engine's findings. */
export function reportBreakdowns(
  history: CaseHistory,
  findings: readonly Finding[],
): ReadonlyMap<string, PersonBreakdown> {
  const inv = history.investigation;
  const incidentDate = inv.offenceDate ?? londonDate(inv.reportedAt);
  const enhanced = new Set<string>();
  for (const f of findings) {
    if (f.code === ENHANCED_BREAKDOWN.findingCode && f.person !== null) enhanced.add(f.person);
  }
  for (const e of history.events) {
    if (e.type === 'enhanced-recorded' && 'person' in e) enhanced.add(e.person);
  }
  const out = new Map<string, PersonBreakdown>();
  for (const p of history.people) {
    const ageBand: AgeBand = !p.dateOfBirth
      ? 'unknown'
      : ageOn(p.dateOfBirth, incidentDate) < UNDER_18_BREAKDOWN.ageLimit
        ? 'under-18'
        : '18-plus';
    out.set(p.id, { ageBand, enhanced: p.contract?.enhancedRecorded === true || enhanced.has(p.id) });
  }
  return out;
}
