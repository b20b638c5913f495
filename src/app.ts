/**
 * Starting the application from the environment: configuration, database (PGlite in DATA_DIR unless
 * DATABASE_URL is set), services, and — on an empty database — the demo force.
 */
import { createServices, type Services } from './composition-root.js';
import { loadConfig, type Config } from './config.js';
import { shippedRulePack } from './domain/rules/rule-pack.js';
import { CalendarProvider } from './services/calendar.provider.js';
import { systemClock, type Clock } from './services/clock.js';
import { openDatabase, type OpenedDatabase } from './store/database.js';

export interface App {
  config: Config;
  database: OpenedDatabase;
  services: Services;
  close(): Promise<void>;
}

export async function openApp(
  env: Record<string, string | undefined>,
  clock: Clock = systemClock,
): Promise<App> {
  const config = loadConfig(env);
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DB_POOL_SIZE,
    preparedStatements: config.DB_PREPARED_STATEMENTS,
  });
  const calendar = new CalendarProvider(database.db);
  await calendar.reload();
  const services = createServices({
    db: database.db,
    clock,
    pack: shippedRulePack(config.RULE_PACK),
    calendar,
    config,
  });
  return {
    config,
    database,
    services,
    close: async () => {
      // A background re-derivation stops after its batch; the rest stays queued for the next sweep.
      await services.rederivation.stop();
      await database.close();
    },
  };
}
