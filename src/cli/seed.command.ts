/** `victim-care seed --demo [--investigations N] [--seed S]` */
import { DEMO_PASSWORD, DEMO_USERS } from '../services/demo-force.service.js';
import { UsageError, type CliIo } from './cli-io.js';
import { fmt, parseCommand, positiveInt, withApp } from './command-support.js';

export const SEED_HELP = `Usage: victim-care seed --demo [--investigations N] [--seed S]

Loads the demo force (teams, one account for each role, investigations in every state) into the store
(DATA_DIR, or DATABASE_URL). Existing demo accounts and URNs are kept, so running it twice is harmless.

Options:
  --demo               the demo force (the only kind there is)
  --investigations N   how many investigations (default 300)
  --seed S             seed of the generator (default 2026)
`;

export async function seedCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { demo: { type: 'boolean' }, investigations: { type: 'string' }, seed: { type: 'string' } },
    SEED_HELP,
  );
  if (values.help) {
    io.out(SEED_HELP);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError([`seed takes no arguments (got ${JSON.stringify(positionals[0])})`, '', SEED_HELP]);
  }
  if (!values.demo) throw new UsageError(['seed needs --demo', '', SEED_HELP]);
  const investigations = positiveInt('investigations', values.investigations, 300);
  const seed = values.seed === undefined ? 2026 : Number(values.seed);
  if (!Number.isSafeInteger(seed)) {
    throw new UsageError([`--seed: must be a whole number, not ${JSON.stringify(values.seed)}`]);
  }
  return withApp(io, async (app) => {
    const n = await app.services.demo.seed({ investigations, seed });
    io.out(
      `Demo force loaded: ${fmt(n)} investigations; accounts ${DEMO_USERS.map((u) => u.username).join(', ')} — password "${DEMO_PASSWORD}"\n`,
    );
    return 0;
  });
}
