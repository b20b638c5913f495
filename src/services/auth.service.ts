/**
 * Sign-in, sessions and API tokens (OWASP ASVS V2, V3): generic failure messages, lock-out after repeated
 * failures, server-side sessions with idle and absolute time-outs, session secrets stored only as hashes,
 * every sign-in and failure audited.
 */
import type { Actor, Role } from '../auth/access.policy.js';
import { can } from '../auth/access.policy.js';
import { dummyHash, hashPassword, passwordProblems, verifyPassword } from '../auth/passwords.js';
import { newSecret, sha256Hex } from '../auth/tokens.js';
import type { Db } from '../store/database.js';
import type { User } from '../store/database.types.js';
import { createRepositories } from '../store/repositories.js';
import type { Clock } from './clock.js';
import { Forbidden, Unauthenticated, ValidationFailed } from './service-errors.js';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;
const MINUTE = 60_000;

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export interface SignedIn {
  token: string;
  csrfSecret: string;
  actor: Actor;
}

export function actorOf(user: Pick<User, 'id' | 'role' | 'teamId' | 'displayName'>): Actor {
  return { id: user.id, role: user.role, teamId: user.teamId, displayName: user.displayName };
}

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy,
  ) {}

  async signIn(username: string, password: string, from: { ip?: string } = {}): Promise<SignedIn> {
    const repos = createRepositories(this.db);
    const now = this.clock.now();
    const user = await repos.users.getByUsername(username.trim().toLowerCase());
    const refuse = async (why: string, userId: string | null): Promise<never> => {
      await repos.audit.append({
        at: now.toISOString(),
        userId,
        action: 'sign-in-failed',
        recordType: 'user',
        recordId: userId,
        reason: why,
        detail: { username: username.slice(0, 100), ip: from.ip ?? null },
      });
      throw new Unauthenticated(
        'The username or password is not right, or the account is locked. Try again or ask your administrator.',
      );
    };
    if (!user || !user.passwordHash || !user.active) {
      await verifyPassword(await dummyHash(), password);
      return refuse(user ? 'inactive account' : 'unknown username', user?.id ?? null);
    }
    if (user.lockedUntil && new Date(user.lockedUntil) > now) return refuse('account locked', user.id);
    // A lock that has run out starts the count again: one more mistake must not re-lock at once.
    const lockExpired = user.lockedUntil !== null && new Date(user.lockedUntil) <= now;
    if (lockExpired) await repos.users.recordSuccessfulSignIn(user.id);
    if (!(await verifyPassword(user.passwordHash, password))) {
      const failures = (lockExpired ? 0 : user.failedAttempts) + 1;
      const lockUntil =
        failures >= MAX_FAILED_ATTEMPTS
          ? new Date(now.getTime() + LOCK_MINUTES * MINUTE).toISOString()
          : null;
      await repos.users.recordFailedSignIn(user.id, lockUntil);
      return refuse(lockUntil ? 'wrong password; account locked' : 'wrong password', user.id);
    }
    await repos.users.recordSuccessfulSignIn(user.id);
    const token = newSecret();
    const csrfSecret = newSecret();
    await repos.sessions.create({
      id: sha256Hex(token),
      userId: user.id,
      csrfSecret,
      expiresAt: this.expiry(now, now).toISOString(),
      now: now.toISOString(),
    });
    await repos.audit.append({
      at: now.toISOString(),
      userId: user.id,
      action: 'sign-in',
      recordType: 'user',
      recordId: user.id,
      detail: { ip: from.ip ?? null },
    });
    return { token, csrfSecret, actor: actorOf(user) };
  }

  /** The signed-in actor for a session token, sliding the idle time-out; null when not live. */
  async sessionActor(token: string): Promise<{ actor: Actor; csrfSecret: string } | null> {
    if (!token) return null;
    const repos = createRepositories(this.db);
    const now = this.clock.now();
    const id = sha256Hex(token);
    const live = await repos.sessions.findLive(id, now.toISOString());
    if (!live) return null;
    const created = new Date(live.session.createdAt);
    if (now.getTime() - new Date(live.session.lastSeenAt).getTime() > MINUTE) {
      await repos.sessions.touch(id, now.toISOString(), this.expiry(created, now).toISOString());
    }
    return { actor: actorOf(live.user), csrfSecret: live.session.csrfSecret };
  }

  async signOut(token: string): Promise<void> {
    const repos = createRepositories(this.db);
    const live = await repos.sessions.findLive(sha256Hex(token), this.clock.now().toISOString());
    await repos.sessions.delete(sha256Hex(token));
    if (live) {
      await repos.audit.append({
        userId: live.user.id,
        action: 'sign-out',
        recordType: 'user',
        recordId: live.user.id,
      });
    }
  }

  async apiTokenActor(token: string): Promise<Actor | null> {
    if (!token) return null;
    const repos = createRepositories(this.db);
    const found = await repos.sessions.findApiToken(sha256Hex(token));
    if (!found) return null;
    // last_used_at is kept to the minute: no write on a request within a minute of the last one.
    const now = this.clock.now();
    const lastUsed = found.token.lastUsedAt === null ? null : new Date(found.token.lastUsedAt).getTime();
    if (lastUsed === null || now.getTime() - lastUsed >= MINUTE) {
      await repos.sessions.touchApiToken(found.token.id, now.toISOString());
    }
    return actorOf(found.user);
  }

  /** Issues an API token for a (service) account; the secret is shown once and stored only as a hash. */
  async createApiToken(actor: Actor, userId: string, name: string): Promise<string> {
    if (!can(actor, 'admin:manage')) throw new Forbidden('Only an administrator can issue API tokens');
    const token = `vc_${newSecret()}`;
    await this.db.transaction().execute(async (trx) => {
      const r = createRepositories(trx);
      await r.sessions.createApiToken({ name, tokenHash: sha256Hex(token), userId });
      await r.audit.append({
        userId: actor.id,
        action: 'create',
        recordType: 'api-token',
        recordId: userId,
        detail: { name },
      });
    });
    return token;
  }

  /** Creates an account (administrators; also the demo seed, acting as the system). */
  async createUser(
    actor: Actor | 'system',
    input: {
      username: string;
      displayName: string;
      role: Role;
      teamId: string | null;
      password: string;
      email?: string | null;
    },
  ): Promise<User> {
    if (actor !== 'system' && !can(actor, 'admin:manage')) {
      throw new Forbidden('Only an administrator can create accounts');
    }
    const username = input.username.trim().toLowerCase();
    const problems = passwordProblems(input.password, username);
    if (problems.length > 0) {
      throw new ValidationFailed(problems.map((message) => ({ field: 'password', message })));
    }
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction().execute(async (trx) => {
      const r = createRepositories(trx);
      if (await r.users.getByUsername(username)) {
        throw new ValidationFailed([{ field: 'username', message: `"${username}" is already taken` }]);
      }
      const user = await r.users.create({
        username,
        displayName: input.displayName,
        role: input.role,
        teamId: input.teamId,
        email: input.email ?? null,
        passwordHash,
      });
      await r.audit.append({
        userId: actor === 'system' ? null : actor.id,
        action: 'create',
        recordType: 'user',
        recordId: user.id,
        detail: { username, role: input.role },
      });
      return user;
    });
  }

  private expiry(createdAt: Date, now: Date): Date {
    const idle = now.getTime() + this.policy.idleMinutes * MINUTE;
    const absolute = createdAt.getTime() + this.policy.absoluteHours * 60 * MINUTE;
    return new Date(Math.min(idle, absolute));
  }
}
