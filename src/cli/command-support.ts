/** What the database commands share: parsing options, opening the application, mapping service errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { openApp, type App } from '../app.js';
import { ConfigError } from '../config.js';
import { ServiceError, ValidationFailed } from '../services/service-errors.js';
import { UsageError, processIo, type CliIo } from './cli-io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `parseArgs` with `--help`; a bad option is a UsageError naming it, followed by the help. */
export function parseCommand<O extends Options>(args: string[], options: O, help: string) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw new UsageError([(e as Error).message, '', help]);
  }
}

/** Opens the application (DATA_DIR / DATABASE_URL from the environment), runs `fn`, always closes it. */
export async function withApp(io: CliIo, fn: (app: App) => Promise<number>): Promise<number> {
  let app: App;
  try {
    const dataDir = io.env.DATA_DIR ?? './data';
    app = await openApp({
      ...io.env,
      DATA_DIR: dataDir.includes('://') ? dataDir : resolve(io.cwd, dataDir),
    });
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.problems.map((p) => `configuration: ${p}`));
    throw e;
  }
  try {
    return await fn(app);
  } catch (e) {
    if (e instanceof ValidationFailed) {
      throw new UsageError(e.problems.map((p) => `${p.field}: ${p.message}`));
    }
    if (e instanceof ServiceError) throw new UsageError([e.message]);
    throw e;
  } finally {
    await app.close();
  }
}

/** A positive whole number option, or a UsageError. */
export function positiveInt(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError([
      `--${name}: must be a whole number of at least 1, not ${JSON.stringify(value ?? '')}`,
    ]);
  }
  return n;
}

/** Progress lines on stderr: rewritten in place on a terminal, one line a second with `--progress`. */
export function progressReporter(
  io: CliIo,
  forced: boolean,
): ((line: string, final?: boolean) => void) | undefined {
  const tty = io === processIo && process.stderr.isTTY;
  if (!tty && !forced) return undefined;
  let last = 0;
  return (line, final = false) => {
    const now = Date.now();
    if (!final && now - last < (tty ? 200 : 1000)) return;
    last = now;
    io.err(tty ? `\r\x1b[2K${line}${final ? '\n' : ''}` : `${line}\n`);
  };
}

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-GB');
