import { createServices, type Services } from '../src/composition-root.js';
import { loadConfig, type Config } from '../src/config.js';
import { shippedRulePack } from '../src/domain/rules/rule-pack.js';
import { CalendarProvider } from '../src/services/calendar.provider.js';
import { systemClock } from '../src/services/clock.js';
import type { Db } from '../src/store/database.js';

/** The application's services over a benchmark's database, as `serve` would make them (logging off). */
export async function benchServices(
  db: Db,
  env: Record<string, string> = {},
): Promise<{ services: Services; config: Config }> {
  const calendar = new CalendarProvider(db);
  await calendar.reload();
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const services = createServices({ db, clock: systemClock, pack: shippedRulePack(), calendar, config });
  return { services, config };
}
