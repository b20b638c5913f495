/**
 * The one place the application is wired: database, clock, calendar, rule pack and configuration in;
 * every service out. No DI container: `type Services = ReturnType<typeof createServices>`.
 */
import type { Config } from './config.js';
import type { RulePack } from './domain/rules/rule-pack.types.js';
import { AdminService } from './services/admin.service.js';
import { AuditService } from './services/audit.service.js';
import { AuthService } from './services/auth.service.js';
import type { CalendarProvider } from './services/calendar.provider.js';
import { CaseService } from './services/case.service.js';
import { BreachService } from './services/breach.service.js';
import { ComplianceService } from './services/compliance.service.js';
import { LetterService } from './services/letter.service.js';
import { CaseHistoryService } from './services/case-history.service.js';
import { DemoForceService } from './services/demo-force.service.js';
import { FilingService } from './services/filing.service.js';
import { OfficerDirectoryService } from './services/officer-directory.service.js';
import { RederivationService, type RederivationLog } from './services/rederivation.service.js';
import type { Clock } from './services/clock.js';
import { WorklistService } from './services/worklist.service.js';
import type { Db, Trx } from './store/database.js';

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  pack: RulePack;
  calendar: CalendarProvider;
  config: Pick<Config, 'SESSION_IDLE_MINUTES' | 'SESSION_ABSOLUTE_HOURS'> &
    Partial<Pick<Config, 'FORCE_NAME' | 'FORCE_ADDRESS' | 'FORCE_PHONE' | 'FORCE_WEBSITE'>>;
  /** Where background work (the calendar re-derivation) reports; JSON lines on stderr by default. */
  log?: RederivationLog;
}

export function createServices(deps: ServiceDeps) {
  const rules = {
    pack: deps.pack,
    calendar: () => deps.calendar.get(),
    calendarIn: (trx: Trx) => deps.calendar.inTransaction(trx),
  };
  const auth = new AuthService(deps.db, deps.clock, {
    idleMinutes: deps.config.SESSION_IDLE_MINUTES,
    absoluteHours: deps.config.SESSION_ABSOLUTE_HOURS,
  });
  const cases = new CaseService(deps.db, deps.clock, rules);
  const rederivation = new RederivationService(deps.db, deps.clock, rules, deps.log);
  return {
    auth,
    demo: new DemoForceService(deps.db, deps.clock, rules, auth),
    cases,
    caseHistories: new CaseHistoryService(deps.db, deps.clock, rules),
    filing: new FilingService(deps.db, deps.clock, cases),
    officers: new OfficerDirectoryService(deps.db),
    compliance: new ComplianceService(deps.db, deps.clock, deps.pack, {
      forceName: deps.config.FORCE_NAME ?? 'Kent Police',
    }),
    breaches: new BreachService(deps.db, deps.clock),
    letters: new LetterService(deps.db, deps.clock, rules, cases, deps.config),
    worklists: new WorklistService(deps.db, deps.clock),
    audit: new AuditService(deps.db),
    admin: new AdminService(deps.db, deps.clock, auth, deps.calendar, rederivation),
    rederivation,
    calendar: deps.calendar,
    rules,
    clock: deps.clock,
    db: deps.db,
  };
}

export type Services = ReturnType<typeof createServices>;
