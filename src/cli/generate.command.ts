/** `victim-care generate --victims N DIR [--seed S] [--today YYYY-MM-DD]` */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { readCaseHistoryDocument } from '../case-history/case-history.schema.js';
import { isValidDate, londonDateOfMs } from '../domain/calendar/london-time.js';
import { generateCase, seededRandom } from '../demo/synthetic-force.js';
import { UsageError, type CliIo } from './cli-io.js';
import { fmt, parseCommand, positiveInt, progressReporter } from './command-support.js';

export const CASES_PER_FILE = 10_000;

export const GENERATE_HELP = `Usage: victim-care generate --victims N DIR [--seed S] [--today YYYY-MM-DD]

Writes a synthetic force with at least N victims as case-history documents: JSON Lines files
DIR/force-0001.jsonl, force-0002.jsonl, ... of ${fmt(CASES_PER_FILE)} investigations each (one document a
line), ready for "victim-care import DIR". The same seed and day give the same force.

Options:
  --victims N          how many victims (investigations have 1–3, and sometimes a witness)
  --seed S             seed of the generator (default 2026)
  --today YYYY-MM-DD   the London day the force is "as of" (default: today)
  --progress           report progress on stderr even when it is not a terminal
`;

export interface GeneratedForce {
  files: string[];
  investigations: number;
  victims: number;
}

/** Writes the force; every document is checked with the case-history reader as it is written. */
export async function generateForce(
  dir: string,
  options: { victims: number; seed: number; today: string; onProgress?: (victims: number) => void },
): Promise<GeneratedForce> {
  await mkdir(dir, { recursive: true });
  const rand = seededRandom(options.seed);
  const files: string[] = [];
  let victims = 0;
  let index = 0;
  while (victims < options.victims) {
    const name = `force-${String(files.length + 1).padStart(4, '0')}.jsonl`;
    files.push(name);
    const out = createWriteStream(join(dir, name), 'utf8');
    for (let n = 0; n < CASES_PER_FILE && victims < options.victims; n++) {
      const { history } = generateCase(rand, index++, options.today);
      const read = readCaseHistoryDocument(history);
      if (!read.ok) {
        throw new Error(
          `generated case ${history.investigation.urn} is not valid: ${read.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        );
      }
      victims += read.history.people.filter((p) => p.role === 'victim').length;
      if (!out.write(JSON.stringify(read.history) + '\n')) await once(out, 'drain');
      if (index % 1000 === 0) options.onProgress?.(victims);
    }
    out.end();
    await once(out, 'finish');
  }
  return { files, investigations: index, victims };
}

export async function generateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      victims: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      progress: { type: 'boolean' },
    },
    GENERATE_HELP,
  );
  if (values.help) {
    io.out(GENERATE_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(['generate takes exactly one DIR', '', GENERATE_HELP]);
  if (values.victims === undefined) throw new UsageError(['generate needs --victims N', '', GENERATE_HELP]);
  const victims = positiveInt('victims', values.victims);
  const seed = values.seed === undefined ? 2026 : Number(values.seed);
  if (!Number.isSafeInteger(seed)) {
    throw new UsageError([`--seed: must be a whole number, not ${JSON.stringify(values.seed)}`]);
  }
  if (values.today !== undefined && !isValidDate(values.today)) {
    throw new UsageError([`--today: must be a date written YYYY-MM-DD, not ${JSON.stringify(values.today)}`]);
  }
  const today = values.today ?? londonDateOfMs(io.now().getTime());
  const progress = progressReporter(io, values.progress ?? false);
  const started = performance.now();
  const force = await generateForce(resolve(io.cwd, positionals[0]!), {
    victims,
    seed,
    today,
    ...(progress ? { onProgress: (v: number) => progress(`  ${fmt(v)} victims`) } : {}),
  });
  progress?.(`  ${fmt(force.victims)} victims`, true);
  io.out(
    `Generated ${fmt(force.investigations)} investigations with ${fmt(force.victims)} victims in ${force.files.length} file(s) ` +
      `in ${positionals[0]} (${((performance.now() - started) / 1000).toFixed(1)} s, seed ${seed}, as of ${today})\n`,
  );
  return 0;
}
