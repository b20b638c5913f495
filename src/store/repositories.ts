import { AuditRepository } from './audit.repository.js';
import { CalendarRepository } from './calendar.repository.js';
import { CaseHistoryRepository } from './case-history.repository.js';
import { BreachesRepository } from './breaches.repository.js';
import { ComplianceRepository } from './compliance.repository.js';
import { DipSamplesRepository } from './dip-samples.repository.js';
import { LettersRepository } from './letters.repository.js';
import type { Db } from './database.js';
import { EventsRepository } from './events.repository.js';
import { InvestigationsRepository } from './investigations.repository.js';
import { ObligationsRepository } from './obligations.repository.js';
import { PeopleRepository } from './people.repository.js';
import { RederivationRepository } from './rederivation.repository.js';
import { SessionsRepository } from './sessions.repository.js';
import { UsersRepository } from './users.repository.js';

/** Every repository bound to one `db` or transaction: `const r = createRepositories(trx)`. */
export function createRepositories(db: Db) {
  return {
    users: new UsersRepository(db),
    sessions: new SessionsRepository(db),
    investigations: new InvestigationsRepository(db),
    people: new PeopleRepository(db),
    events: new EventsRepository(db),
    obligations: new ObligationsRepository(db),
    audit: new AuditRepository(db),
    caseHistories: new CaseHistoryRepository(db),
    calendar: new CalendarRepository(db),
    compliance: new ComplianceRepository(db),
    breaches: new BreachesRepository(db),
    letters: new LettersRepository(db),
    dipSamples: new DipSamplesRepository(db),
    rederivations: new RederivationRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
