/** Small factories for database-tier tests. */
import type { Obligation } from '../../domain/evaluation.types.js';
import type { Db } from '../database.js';
import type { Investigation, Team, User, UserRole } from '../database.types.js';
import { InvestigationsRepository, type NewInvestigation } from '../investigations.repository.js';
import { UsersRepository } from '../users.repository.js';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function makeTeam(db: Db, name = 'Response Team'): Promise<Team> {
  return new UsersRepository(db).createTeam({ name, code: `T-${unique()}` });
}

export async function makeUser(
  db: Db,
  fields: { role?: UserRole; teamId?: string | null; displayName?: string } = {},
): Promise<User> {
  const username = `user-${unique()}`;
  return new UsersRepository(db).create({
    username,
    displayName: fields.displayName ?? username,
    role: fields.role ?? 'officer',
    teamId: fields.teamId ?? null,
    email: null,
    passwordHash: null,
    lockedUntil: null,
  });
}

export async function makeInvestigation(
  db: Db,
  fields: Partial<NewInvestigation> = {},
): Promise<Investigation> {
  return new InvestigationsRepository(db).create({
    urn: `46/${unique()}/26`,
    reportedAt: '2026-03-02T10:15:00.000Z',
    offences: [{ category: 'violence-with-injury' }],
    flags: { domesticAbuse: false, hateCrime: false, terrorism: false },
    ...fields,
  });
}

export function obligation(fields: Partial<Obligation> & Pick<Obligation, 'rule' | 'dueDate'>): Obligation {
  return {
    person: null,
    trigger: null,
    status: 'due',
    metAt: null,
    metBy: null,
    source: 'test',
    owner: 'oic',
    title: `Do ${fields.rule}`,
    ...fields,
  };
}
