// The real server (buildServer) over a fresh in-memory PGlite database with a small demo force, listening
// on 127.0.0.1 at a free port, for browser journeys. Also usable by hand:
//   node --import tsx test/browser-support/demo-server.ts   (prints the address; Ctrl-C to stop)
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { createServices, type Services } from '../../src/composition-root.js';
import { shippedRulePack } from '../../src/domain/rules/rule-pack.js';
import { buildServer } from '../../src/http/server.js';
import { CalendarProvider } from '../../src/services/calendar.provider.js';
import { systemClock, type Clock } from '../../src/services/clock.js';
import { DEMO_PASSWORD } from '../../src/services/demo-force.service.js';
import { openTestDatabase, type TestDatabase } from '../../src/store/testing/test-database.js';

export interface DemoServer {
  app: FastifyInstance;
  services: Services;
  database: TestDatabase;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startDemoServer(
  options: { investigations?: number; clock?: Clock } = {},
): Promise<DemoServer> {
  const database = await openTestDatabase();
  const calendar = new CalendarProvider(database.db);
  await calendar.reload();
  const services = createServices({
    db: database.db,
    clock: options.clock ?? systemClock,
    pack: shippedRulePack(),
    calendar,
    config: { SESSION_IDLE_MINUTES: 30, SESSION_ABSOLUTE_HOURS: 12 },
  });
  await services.demo.seed({ investigations: options.investigations ?? 20 });
  const app = await buildServer({
    services,
    config: { FORCE_NAME: 'Kent Police', SECURE_COOKIES: false, TRUST_PROXY: false, LOG_LEVEL: 'silent' },
    logger: false,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    services,
    database,
    baseUrl,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Signs in through the sign-in form as a demo account. */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('networkidle');
}

if (process.argv[1]?.endsWith('demo-server.ts')) {
  const server = await startDemoServer();
  console.log(`listening on ${server.baseUrl}`);
  process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
}
