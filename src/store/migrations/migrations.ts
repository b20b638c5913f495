/**
 * The migration list, static so it works from a bundle and never depends on the file system. Names are
 * timestamps (`YYYYMMDDNN_what`); append a new entry for every new migration, never edit an old one.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './2026112801_initial.js';
import * as complianceReporting from './2026112805_compliance-reporting.js';
import * as caseHistoryShape from './2026112820_case-history-shape.js';
import * as dropFilingJustifications from './2026112830_drop-filing-justifications.js';
import * as ledgerIndexes from './2026112840_ledger-indexes.js';
import * as obligationReportBreakdown from './2026112850_obligation-report-breakdown.js';
import * as obligationOwnerTeamStatistics from './2026112851_obligation-owner-team-statistics.js';
import * as calendarRederivation from './2026112860_calendar-rederivation.js';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026112801_initial': initial,
  '2026112805_compliance-reporting': complianceReporting,
  '2026112820_case-history-shape': caseHistoryShape,
  '2026112830_drop-filing-justifications': dropFilingJustifications,
  '2026112840_ledger-indexes': ledgerIndexes,
  '2026112850_obligation-report-breakdown': obligationReportBreakdown,
  '2026112851_obligation-owner-team-statistics': obligationOwnerTeamStatistics,
  '2026112860_calendar-rederivation': calendarRederivation,
};

export const staticMigrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
