/**
 * Obligations and findings are never edited: after any change to an investigation's facts, the service
 * re-evaluates the case and replaces its derived rows in the same transaction. The investigation's status
 * is derived the same way, from its events. The investigation records the calendar version it was derived
 * with, so that a change to the bank holidays finds the investigations derived before it
 * (rederivation.service.ts).
 */
import type { WorkingDayCalendar } from '../domain/calendar/working-day-calendar.js';
import type { CaseHistory } from '../domain/case-history/case-history.types.js';
import { evaluateCase } from '../domain/evaluate.js';
import type { Evaluation } from '../domain/evaluation.types.js';
import { reportBreakdowns } from '../domain/report-breakdown.js';
import type { RulePack } from '../domain/rules/rule-pack.types.js';
import type { Trx } from '../store/database.js';
import type { InvestigationStatus } from '../store/database.types.js';
import { createRepositories } from '../store/repositories.js';

export interface RulesContext {
  pack: RulePack;
  /** The calendar for reads (previews, letters): the instance's latest load. */
  calendar(): WorkingDayCalendar;
  /** The calendar for a derivation written in `trx`, checked against the committed version. */
  calendarIn(trx: Trx): Promise<{ calendar: WorkingDayCalendar; version: number }>;
}

const STATUS_BY_EVENT: Partial<Record<string, InvestigationStatus>> = {
  'suspect-charged': 'charged',
  'hearing-date-received': 'court',
  'investigation-filed': 'filed',
  'suspect-released-nfa': 'closed',
  'decision-not-to-investigate': 'closed',
  'decision-not-to-charge': 'closed',
  'out-of-court-disposal': 'closed',
  sentence: 'closed',
  'outcome-received': 'closed',
};

/** The status the investigation's events put it in: the latest event that moves it wins. */
export function statusFromEvents(history: CaseHistory): InvestigationStatus {
  let status: InvestigationStatus = 'open';
  for (const e of history.events) status = STATUS_BY_EVENT[e.type] ?? status;
  return status;
}

export async function deriveInvestigation(
  trx: Trx,
  investigationId: string,
  rules: RulesContext,
  now: Date,
): Promise<{ history: CaseHistory; evaluation: Evaluation; calendarVersion: number }> {
  const repos = createRepositories(trx);
  const history = await repos.caseHistories.load(investigationId);
  if (!history) throw new Error(`investigation ${investigationId} vanished during derivation`);
  const { calendar, version } = await rules.calendarIn(trx);
  const evaluation = evaluateCase(history, { pack: rules.pack, calendar, asOf: now.toISOString() });
  await repos.obligations.replaceDerived(
    investigationId,
    evaluation.obligations,
    evaluation.findings,
    now.toISOString(),
    reportBreakdowns(history, evaluation.findings),
  );
  await repos.investigations.setDerived(investigationId, statusFromEvents(history), version);
  return { history, evaluation, calendarVersion: version };
}
