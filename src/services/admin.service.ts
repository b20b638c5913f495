/**
 * Administration: accounts (list, create, deactivate, reset password), API tokens for service accounts
 * (issued — the secret shown once, stored only as its sha256 — listed, revoked), teams and the bank
 * holidays added to the shipped England & Wales list. Every method authorises first with
 * `can(actor, 'admin:manage')` (refusals audited) and audits every change in the same transaction.
 * A bank holiday added or removed is recorded as a calendar change in the same transaction, and the
 * investigations it affects are re-derived in the background (rederivation.service.ts).
 */
import { can, type Actor, type Role } from '../auth/access.policy.js';
import { hashPassword, passwordProblems } from '../auth/passwords.js';
import { newSecret, sha256Hex } from '../auth/tokens.js';
import { isValidDate } from '../domain/calendar/london-time.js';
import { SHIPPED_BANK_HOLIDAYS } from '../domain/calendar/working-day-calendar.js';
import type { Db } from '../store/database.js';
import type { ApiToken, Team, User } from '../store/database.types.js';
import { createRepositories } from '../store/repositories.js';
import { auditUserId } from './actor.js';
import type { AuthService } from './auth.service.js';
import type { CalendarProvider } from './calendar.provider.js';
import type { Clock } from './clock.js';
import type { RederivationService, RederivationStatus } from './rederivation.service.js';
import { Conflict, NotFound, ValidationFailed } from './service-errors.js';
import { refuse } from './refusal.js';

/** An account as administrators see it: never the password hash. */
export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  teamId: string | null;
  active: boolean;
  locked: boolean;
  createdAt: string;
}

/** A token as listed: never the secret or its hash. */
export interface ApiTokenSummary {
  id: string;
  name: string;
  userId: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface IssuedApiToken extends ApiTokenSummary {
  /** The secret, shown this once. */
  token: string;
}

export interface BankHolidayEntry {
  date: string;
  name: string;
  source: 'shipped' | 'admin';
}

export interface NewUserInput {
  username: string;
  displayName: string;
  role: Role;
  teamId?: string | null | undefined;
  email?: string | null | undefined;
  password: string;
}

export class AdminService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly auth: AuthService,
    private readonly calendar: CalendarProvider,
    private readonly rederivation: RederivationService,
  ) {}

  /** Authorises, or audits the refusal (outside any transaction, so it survives) and throws. */
  private async require(actor: Actor, what: string): Promise<void> {
    if (can(actor, 'admin:manage')) return;
    await refuse(
      this.db,
      this.clock,
      actor,
      { action: `admin:manage (${what})`, recordType: 'admin' },
      'Only an administrator can do this',
    );
  }

  // ---- accounts ----------------------------------------------------------------------------------------

  async listUsers(
    actor: Actor,
    filter: { role?: Role; teamId?: string; activeOnly?: boolean } = {},
  ): Promise<UserSummary[]> {
    await this.require(actor, 'list users');
    const now = this.clock.now();
    const users = await createRepositories(this.db).users.list(filter);
    return users.map((u) => summariseUser(u, now));
  }

  async createUser(actor: Actor, input: NewUserInput): Promise<UserSummary> {
    await this.require(actor, 'create user');
    if (input.teamId && !(await createRepositories(this.db).users.getTeam(input.teamId))) {
      throw new ValidationFailed([{ field: 'teamId', message: 'no team has this id' }]);
    }
    const user = await this.auth.createUser(actor, {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      teamId: input.teamId ?? null,
      email: input.email ?? null,
      password: input.password,
    });
    return summariseUser(user, this.clock.now());
  }

  /** Deactivates an account: it can no longer sign in, its sessions end and its API tokens stop working. */
  async deactivateUser(actor: Actor, userId: string): Promise<UserSummary> {
    await this.require(actor, 'deactivate user');
    if (userId === actor.id) {
      throw new ValidationFailed([{ field: 'id', message: 'you cannot deactivate your own account' }]);
    }
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const r = createRepositories(trx);
      const existing = await r.users.getById(userId);
      if (!existing) throw new NotFound('The user');
      const user = existing.active
        ? ((await r.users.update(userId, { active: false })) ?? existing)
        : existing;
      const sessionsEnded = await r.sessions.deleteForUser(userId);
      await r.audit.append({
        at: now.toISOString(),
        userId: auditUserId(actor),
        action: 'update',
        recordType: 'user',
        recordId: userId,
        reason: 'deactivated',
        detail: { active: false, wasActive: existing.active, sessionsEnded },
      });
      return summariseUser(user, now);
    });
  }

  /** Sets a new password, clears any lock-out and ends the account's sessions. */
  async resetPassword(actor: Actor, userId: string, password: string): Promise<UserSummary> {
    await this.require(actor, 'reset password');
    const existing = await createRepositories(this.db).users.getById(userId);
    if (!existing) throw new NotFound('The user');
    const problems = passwordProblems(password, existing.username);
    if (problems.length > 0) {
      throw new ValidationFailed(problems.map((message) => ({ field: 'password', message })));
    }
    const passwordHash = await hashPassword(password);
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const r = createRepositories(trx);
      const user = await r.users.update(userId, { passwordHash, failedAttempts: 0, lockedUntil: null });
      if (!user) throw new NotFound('The user');
      const sessionsEnded = await r.sessions.deleteForUser(userId);
      await r.audit.append({
        at: now.toISOString(),
        userId: auditUserId(actor),
        action: 'update',
        recordType: 'user',
        recordId: userId,
        reason: 'password reset',
        detail: { sessionsEnded },
      });
      return summariseUser(user, now);
    });
  }

  // ---- API tokens --------------------------------------------------------------------------------------

  async issueApiToken(actor: Actor, userId: string, name: string): Promise<IssuedApiToken> {
    await this.require(actor, 'issue API token');
    const token = `vc_${newSecret()}`;
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const r = createRepositories(trx);
      const user = await r.users.getById(userId);
      if (!user) throw new ValidationFailed([{ field: 'userId', message: 'no user has this id' }]);
      if (!user.active) {
        throw new ValidationFailed([{ field: 'userId', message: 'the account is deactivated' }]);
      }
      const row = await r.sessions.createApiToken({ name, tokenHash: sha256Hex(token), userId });
      await r.audit.append({
        at: now.toISOString(),
        userId: auditUserId(actor),
        action: 'create',
        recordType: 'api-token',
        recordId: row.id,
        detail: { name, forUser: userId },
      });
      return { ...summariseToken(row), token };
    });
  }

  async listApiTokens(actor: Actor, filter: { userId?: string } = {}): Promise<ApiTokenSummary[]> {
    await this.require(actor, 'list API tokens');
    const r = createRepositories(this.db);
    const rows = filter.userId
      ? await r.sessions.listApiTokens(filter.userId)
      : await r.sessions.listAllApiTokens();
    return rows.map(summariseToken);
  }

  async revokeApiToken(actor: Actor, tokenId: string): Promise<ApiTokenSummary> {
    await this.require(actor, 'revoke API token');
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const r = createRepositories(trx);
      const existing = await r.sessions.getApiToken(tokenId);
      if (!existing) throw new NotFound('The API token');
      if (!(await r.sessions.revokeApiToken(tokenId, now.toISOString()))) {
        throw new Conflict('The API token was already revoked');
      }
      await r.audit.append({
        at: now.toISOString(),
        userId: auditUserId(actor),
        action: 'update',
        recordType: 'api-token',
        recordId: tokenId,
        reason: 'revoked',
        detail: { name: existing.name, forUser: existing.userId },
      });
      return summariseToken((await r.sessions.getApiToken(tokenId))!);
    });
  }

  // ---- teams -------------------------------------------------------------------------------------------

  async listTeams(actor: Actor): Promise<Team[]> {
    await this.require(actor, 'list teams');
    return createRepositories(this.db).users.listTeams();
  }

  async createTeam(actor: Actor, input: { name: string; code: string }): Promise<Team> {
    await this.require(actor, 'create team');
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const r = createRepositories(trx);
      if (await r.users.getTeamByCode(input.code)) {
        throw new ValidationFailed([
          { field: 'code', message: `a team with code ${input.code} already exists` },
        ]);
      }
      const team = await r.users.createTeam({ name: input.name, code: input.code });
      await r.audit.append({
        at: now.toISOString(),
        userId: auditUserId(actor),
        action: 'create',
        recordType: 'team',
        recordId: team.id,
        detail: { ...input },
      });
      return team;
    });
  }

  // ---- bank holidays -----------------------------------------------------------------------------------

  /** The shipped England & Wales bank holidays and those administrators added, by date. */
  async listBankHolidays(actor: Actor): Promise<BankHolidayEntry[]> {
    await this.require(actor, 'list bank holidays');
    const added = await createRepositories(this.db).calendar.list();
    const byDate = new Map<string, BankHolidayEntry>();
    for (const h of SHIPPED_BANK_HOLIDAYS) {
      byDate.set(h.date, { date: h.date, name: h.name, source: 'shipped' });
    }
    for (const h of added) byDate.set(h.date, { date: h.date, name: h.name, source: 'admin' });
    return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  async addBankHoliday(actor: Actor, holiday: { date: string; name: string }): Promise<BankHolidayEntry> {
    await this.require(actor, 'add bank holiday');
    if (!isValidDate(holiday.date)) {
      throw new ValidationFailed([{ field: 'date', message: 'must be a date written YYYY-MM-DD' }]);
    }
    if (SHIPPED_BANK_HOLIDAYS.some((h) => h.date === holiday.date)) {
      throw new ValidationFailed([{ field: 'date', message: `${holiday.date} is already a bank holiday` }]);
    }
    const now = this.clock.now();
    const changed = await this.db.transaction().execute(async (trx) => {
      const r = createRepositories(trx);
      // A new date changes the calendar (renaming one does not): recorded first, as it waits for the
      // derivations in flight; the audit entry stays last.
      const calendarVersion = (await r.calendar.has(holiday.date))
        ? null
        : await r.calendar.recordChange({
            date: holiday.date,
            change: 'added',
            name: holiday.name,
            changedAt: now.toISOString(),
            changedBy: auditUserId(actor),
          });
      await r.calendar.add(holiday);
      await r.audit.append({
        at: now.toISOString(),
        userId: auditUserId(actor),
        action: 'create',
        recordType: 'bank-holiday',
        recordId: holiday.date,
        detail: { ...holiday, ...(calendarVersion === null ? {} : { calendarVersion }) },
      });
      return calendarVersion !== null;
    });
    await this.calendar.reload();
    if (changed) this.rederivation.startInBackground();
    return { ...holiday, source: 'admin' };
  }

  async removeBankHoliday(actor: Actor, date: string): Promise<void> {
    await this.require(actor, 'remove bank holiday');
    if (
      SHIPPED_BANK_HOLIDAYS.some((h) => h.date === date) &&
      !(await createRepositories(this.db).calendar.list()).some((h) => h.date === date)
    ) {
      throw new ValidationFailed([
        {
          field: 'date',
          message: `${date} is a statutory bank holiday shipped with the service: it cannot be removed`,
        },
      ]);
    }
    const now = this.clock.now();
    // Removing an added row for a date also on the shipped list leaves the calendar as it was.
    const changes = !SHIPPED_BANK_HOLIDAYS.some((h) => h.date === date);
    await this.db.transaction().execute(async (trx) => {
      const r = createRepositories(trx);
      const calendarVersion = changes
        ? await r.calendar.recordChange({
            date,
            change: 'removed',
            name: null,
            changedAt: now.toISOString(),
            changedBy: auditUserId(actor),
          })
        : null;
      if (!(await r.calendar.remove(date))) throw new NotFound(`The bank holiday on ${date}`);
      await r.audit.append({
        at: now.toISOString(),
        userId: auditUserId(actor),
        action: 'delete',
        recordType: 'bank-holiday',
        recordId: date,
        ...(calendarVersion === null ? {} : { detail: { calendarVersion } }),
      });
    });
    await this.calendar.reload();
    if (changes) this.rederivation.startInBackground();
  }

  /** How far the re-derivation after a bank-holiday change has got. */
  async rederivationStatus(actor: Actor): Promise<RederivationStatus> {
    await this.require(actor, 'view re-derivation');
    return this.rederivation.status();
  }
}

function summariseUser(u: User, now: Date): UserSummary {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    teamId: u.teamId,
    active: u.active,
    locked: u.lockedUntil !== null && new Date(u.lockedUntil) > now,
    createdAt: u.createdAt,
  };
}

function summariseToken(t: ApiToken): ApiTokenSummary {
  return {
    id: t.id,
    name: t.name,
    userId: t.userId,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
    revokedAt: t.revokedAt,
  };
}
