import { sql } from 'kysely';
import type { Db } from './database.js';
import type { ApiToken, Session, User } from './database.types.js';

/** The user's columns, aliased so that they sit beside a session's or token's in one row. */
const USER_COLUMNS = [
  'u.id as uId',
  'u.username as uUsername',
  'u.displayName as uDisplayName',
  'u.email as uEmail',
  'u.role as uRole',
  'u.teamId as uTeamId',
  'u.passwordHash as uPasswordHash',
  'u.active as uActive',
  'u.failedAttempts as uFailedAttempts',
  'u.lockedUntil as uLockedUntil',
  'u.createdAt as uCreatedAt',
] as const;

type UserColumns = {
  [K in keyof User as `u${Capitalize<K & string>}`]: User[K];
};

function userOf(row: UserColumns): User {
  return {
    id: row.uId,
    username: row.uUsername,
    displayName: row.uDisplayName,
    email: row.uEmail,
    role: row.uRole,
    teamId: row.uTeamId,
    passwordHash: row.uPasswordHash,
    active: row.uActive,
    failedAttempts: row.uFailedAttempts,
    lockedUntil: row.uLockedUntil,
    createdAt: row.uCreatedAt,
  };
}

/** Browser sessions and API tokens, both stored by the sha256 of their secret only. */
export class SessionsRepository {
  constructor(private readonly db: Db) {}

  create(session: {
    id: string;
    userId: string;
    expiresAt: string;
    csrfSecret: string;
    now?: string;
  }): Promise<Session> {
    const { now, ...rest } = session;
    return this.db
      .insertInto('sessions')
      .values({ ...rest, ...(now ? { createdAt: now, lastSeenAt: now } : {}) })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** The live session with its (active) user, or undefined when absent, expired or the user is inactive. */
  async findLive(id: string, now: string): Promise<{ session: Session; user: User } | undefined> {
    // One round trip: this runs on every signed-in request.
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.userId')
      .selectAll('s')
      .select(USER_COLUMNS)
      .where('s.id', '=', id)
      .where('s.expiresAt', '>', now)
      .where('u.active', '=', true)
      .executeTakeFirst();
    if (!row) return undefined;
    const { id: sessionId, userId, createdAt, lastSeenAt, expiresAt, csrfSecret } = row;
    return {
      session: { id: sessionId, userId, createdAt, lastSeenAt, expiresAt, csrfSecret },
      user: userOf(row),
    };
  }

  async touch(id: string, now: string, expiresAt?: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ lastSeenAt: now, ...(expiresAt ? { expiresAt } : {}) })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteForUser(userId: string): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('userId', '=', userId).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async deleteExpired(now: string): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('expiresAt', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  createApiToken(token: { name: string; tokenHash: string; userId: string }): Promise<ApiToken> {
    return this.db.insertInto('apiTokens').values(token).returningAll().executeTakeFirstOrThrow();
  }

  /** An unrevoked token with its active user (one round trip: this runs on every API request). */
  async findApiToken(tokenHash: string): Promise<{ token: ApiToken; user: User } | undefined> {
    const row = await this.db
      .selectFrom('apiTokens as t')
      .innerJoin('users as u', 'u.id', 't.userId')
      .selectAll('t')
      .select(USER_COLUMNS)
      .where('t.tokenHash', '=', tokenHash)
      .where('t.revokedAt', 'is', null)
      .where('u.active', '=', true)
      .executeTakeFirst();
    if (!row) return undefined;
    const { id, name, userId, createdAt, lastUsedAt, revokedAt } = row;
    return {
      token: { id, name, tokenHash: row.tokenHash, userId, createdAt, lastUsedAt, revokedAt },
      user: userOf(row),
    };
  }

  /**
   * Records that a token was used, at most once a minute: a token used again within the minute is not
   * written (the comparison is in SQL, so concurrent requests do not each write). True when written.
   */
  async touchApiToken(id: string, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('apiTokens')
      .set({ lastUsedAt: now })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('lastUsedAt', 'is', null),
          eb('lastUsedAt', '<', sql<string>`${now}::timestamptz - interval '1 minute'`),
        ]),
      )
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  async revokeApiToken(id: string, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('apiTokens')
      .set({ revokedAt: now })
      .where('id', '=', id)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  getApiToken(id: string): Promise<ApiToken | undefined> {
    return this.db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every token (revoked ones too), newest first; for administrators. */
  listAllApiTokens(): Promise<ApiToken[]> {
    return this.db.selectFrom('apiTokens').selectAll().orderBy('createdAt', 'desc').orderBy('id').execute();
  }

  listApiTokens(userId: string): Promise<ApiToken[]> {
    return this.db
      .selectFrom('apiTokens')
      .selectAll()
      .where('userId', '=', userId)
      .orderBy('createdAt', 'desc')
      .execute();
  }
}
