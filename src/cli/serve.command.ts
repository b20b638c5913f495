/** `victim-care serve`: the web application and API, loading the demo force into an empty database. */
import { openApp } from '../app.js';
import { buildServer } from '../http/server.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../services/demo-force.service.js';
import type { CliIo } from './cli-io.js';

export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const app = await openApp(io.env);
  if (!args.includes('--no-demo') && (await app.services.demo.isEmpty())) {
    io.out('Empty database: loading the demo force (about a minute the first time)…\n');
    let last = 0;
    await app.services.demo.seed({
      onProgress: (done, total) => {
        if (done - last >= 50 || done === total) {
          io.out(`  ${done}/${total} investigations\n`);
          last = done;
        }
      },
    });
    io.out(`Demo accounts: ${DEMO_USERS.map((u) => u.username).join(', ')} — password "${DEMO_PASSWORD}"\n`);
  }
  const server = await buildServer({ services: app.services, config: app.config });
  const address = await server.listen({ port: app.config.PORT, host: app.config.HOST });
  io.out(`Victim Care (${app.database.engine}) is serving on ${address}\n`);
  // Re-derivation left unfinished by a bank-holiday change (this instance or another was stopped).
  app.services.rederivation.startInBackground();
  const stop = async () => {
    await server.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await new Promise(() => undefined);
  return 0;
}
