import type { Db } from './database.js';
import type { NewUser, Team, User, UserPatch, UserRole } from './database.types.js';

/** Teams and users (accounts). Password hashing and lock-out policy live in auth/; this only stores. */
export class UsersRepository {
  constructor(private readonly db: Db) {}

  createTeam(team: { name: string; code: string }): Promise<Team> {
    return this.db.insertInto('teams').values(team).returningAll().executeTakeFirstOrThrow();
  }

  listTeams(): Promise<Team[]> {
    return this.db.selectFrom('teams').selectAll().orderBy('name').execute();
  }

  getTeam(id: string): Promise<Team | undefined> {
    return this.db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getTeamByCode(code: string): Promise<Team | undefined> {
    return this.db.selectFrom('teams').selectAll().where('code', '=', code).executeTakeFirst();
  }

  create(user: NewUser): Promise<User> {
    return this.db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
  }

  getById(id: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getByUsername(username: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  list(filter: { teamId?: string; role?: UserRole; activeOnly?: boolean } = {}): Promise<User[]> {
    let q = this.db.selectFrom('users').selectAll();
    if (filter.teamId) q = q.where('teamId', '=', filter.teamId);
    if (filter.role) q = q.where('role', '=', filter.role);
    if (filter.activeOnly) q = q.where('active', '=', true);
    return q.orderBy('displayName').orderBy('id').execute();
  }

  update(id: string, patch: UserPatch): Promise<User | undefined> {
    return this.db.updateTable('users').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /** Counts a failed sign-in; sets `lockedUntil` when the caller's policy says so. Returns the new count. */
  async recordFailedSignIn(id: string, lockedUntil: string | null = null): Promise<number> {
    const row = await this.db
      .updateTable('users')
      .set((eb) => ({
        failedAttempts: eb('failedAttempts', '+', 1),
        ...(lockedUntil ? { lockedUntil } : {}),
      }))
      .where('id', '=', id)
      .returning('failedAttempts')
      .executeTakeFirst();
    return row?.failedAttempts ?? 0;
  }

  async recordSuccessfulSignIn(id: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ failedAttempts: 0, lockedUntil: null })
      .where('id', '=', id)
      .execute();
  }
}
