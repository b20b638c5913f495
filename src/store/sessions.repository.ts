import { sql } from 'kysely';
import type { Db } from './database.js';
import type { ApiToken, Session, User } from './database.types.js';

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
    const session = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .where('expiresAt', '>', now)
      .executeTakeFirst();
    if (!session) return undefined;
    const user = await this.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', session.userId)
      .where('active', '=', true)
      .executeTakeFirst();
    return user ? { session, user } : undefined;
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

  /** An unrevoked token with its active user. */
  async findApiToken(tokenHash: string): Promise<{ token: ApiToken; user: User } | undefined> {
    const token = await this.db
      .selectFrom('apiTokens')
      .selectAll()
      .where('tokenHash', '=', tokenHash)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    if (!token) return undefined;
    const user = await this.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', token.userId)
      .where('active', '=', true)
      .executeTakeFirst();
    return user ? { token, user } : undefined;
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
