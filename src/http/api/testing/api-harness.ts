/**
 * An in-process server for route and security tests: the real `buildServer` over a fresh test database
 * (PGlite in memory, or PostgreSQL under TEST_ENGINE=postgres), services from `createServices` with a
 * FixedClock, and one account with an API token for each role.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../../auth/access.policy.js';
import { ROLES } from '../../../auth/access.policy.js';
import { createServices, type Services } from '../../../composition-root.js';
import { shippedRulePack } from '../../../domain/rules/rule-pack.js';
import { actorOf } from '../../../services/auth.service.js';
import { CalendarProvider } from '../../../services/calendar.provider.js';
import { FixedClock } from '../../../services/clock.js';
import type { Team, User } from '../../../store/database.types.js';
import { createRepositories } from '../../../store/repositories.js';
import { openTestDatabase, type TestDatabase } from '../../../store/testing/test-database.js';
import { buildServer } from '../../server.js';

export const TEST_PASSWORD = 'correct-horse-battery-2026';
export const TEST_NOW = '2026-03-10T12:00:00.000Z';

export interface Account {
  user: User;
  token: string;
}

export interface ApiHarness {
  app: FastifyInstance;
  services: Services;
  clock: FixedClock;
  database: TestDatabase;
  team: Team;
  accounts: Record<Role, Account>;
  /** A request as one role (bearer token), or anonymous with `null`. */
  as(role: Role | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  now?: string;
  secureCookies?: boolean;
  sessionIdleMinutes?: number;
  sessionAbsoluteHours?: number;
}

export async function openApiHarness(options: HarnessOptions = {}): Promise<ApiHarness> {
  const database = await openTestDatabase();
  const clock = new FixedClock(new Date(options.now ?? TEST_NOW));
  const calendar = new CalendarProvider(database.db);
  await calendar.reload();
  const services = createServices({
    db: database.db,
    clock,
    pack: shippedRulePack(),
    calendar,
    config: {
      SESSION_IDLE_MINUTES: options.sessionIdleMinutes ?? 30,
      SESSION_ABSOLUTE_HOURS: options.sessionAbsoluteHours ?? 12,
    },
  });
  const app = await buildServer({
    services,
    config: {
      FORCE_NAME: 'Kent Police',
      SECURE_COOKIES: options.secureCookies ?? false,
      TRUST_PROXY: false,
      LOG_LEVEL: 'silent',
    },
    logger: false,
  });
  await app.ready();
  const team = await createRepositories(database.db).users.createTeam({
    name: 'Maidstone CID',
    code: 'MAID-CID',
  });
  const accounts = {} as Record<Role, Account>;
  for (const role of ROLES) {
    const user = await services.auth.createUser('system', {
      username: role,
      displayName: `Test ${role}`,
      role,
      teamId: role === 'officer' || role === 'supervisor' ? team.id : null,
      password: TEST_PASSWORD,
    });
    accounts[role] = { user, token: '' };
  }
  const admin = actorOf(accounts.admin.user);
  for (const role of ROLES) {
    accounts[role].token = await services.auth.createApiToken(admin, accounts[role].user.id, `${role} tests`);
  }
  return {
    app,
    services,
    clock,
    database,
    team,
    accounts,
    as(role, inject) {
      const headers = { ...(inject.headers ?? {}) } as Record<string, string>;
      if (role) headers.authorization = `Bearer ${accounts[role].token}`;
      return app.inject({ ...inject, headers });
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** The JSON body of a response (throws with the body when it is not JSON). */
export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  try {
    return JSON.parse(res.body) as T;
  } catch {
    throw new Error(`not JSON (${res.statusCode}): ${res.body.slice(0, 300)}`);
  }
}
