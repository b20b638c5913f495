/** `victim-care rederive`: re-derives, to the end, the investigations bank-holiday changes affect. */
import { UsageError, type CliIo } from './cli-io.js';
import { fmt, parseCommand, positiveInt, progressReporter, withApp } from './command-support.js';

export const REDERIVE_HELP = `Usage: victim-care rederive [--batch N] [--requeue] [--progress]

Re-derives the obligations and findings of every investigation a bank-holiday change affects (an
obligation due on or after the changed date), with the calendar in force now. Adding or removing a bank
holiday in the admin area starts this in the background of that app instance, and \`serve\` resumes an
unfinished run when it starts; run it when no instance was left to finish, or to retry investigations
whose re-derivation failed. Several instances and this command can run at once: each takes its own
batches. Every batch is one transaction, audited as action "rederive".

Options:
  --batch N     investigations per batch (transaction), default 100
  --requeue     look again, for every change, for investigations derived with an older calendar: run it
                after an import that was running while a bank holiday was added or removed (an import
                evaluates with the calendar of its start)
  --progress    print progress on stderr once a second even when it is not a terminal

Exit status: 0 done, 1 some investigations could not be re-derived (listed), 2 bad usage.
`;

const count = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

export async function rederiveCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { batch: { type: 'string' }, requeue: { type: 'boolean' }, progress: { type: 'boolean' } },
    REDERIVE_HELP,
  );
  if (values.help) {
    io.out(REDERIVE_HELP);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError([
      `rederive takes no arguments (got ${JSON.stringify(positionals[0])})`,
      '',
      REDERIVE_HELP,
    ]);
  }
  const batchSize = positiveInt('batch', values.batch, 100);
  const progress = progressReporter(io, values.progress ?? false);
  return withApp(io, async (app) => {
    const started = io.now().getTime();
    const report = await app.services.rederivation.sweep({
      batchSize,
      retryFailed: true,
      requeue: values.requeue ?? false,
      ...(progress
        ? {
            onProgress: (p) =>
              progress(
                `re-derived ${count(p.rederived, 'investigation')} (${fmt(p.alreadyCurrent)} already current), ${fmt(p.left)} left`,
              ),
          }
        : {}),
    });
    progress?.(`re-derived ${count(report.rederived, 'investigation')}, ${fmt(report.left)} left`, true);
    const seconds = (io.now().getTime() - started) / 1000;
    io.out(
      `Re-derived ${count(report.rederived, 'investigation')} in ${count(report.batches, 'batch', 'batches')} (${seconds.toFixed(1)} s)` +
        `; ${fmt(report.alreadyCurrent)} already current` +
        (report.changesQueued > 0
          ? `; ${count(report.changesQueued, 'calendar change')} queued ${count(report.queued, 'investigation')}`
          : '') +
        '.\n',
    );
    if (report.left > 0) {
      io.out(`${count(report.left, 'investigation')} still queued: another instance is re-deriving them.\n`);
    }
    if (report.failed === 0) return 0;
    const failed = await app.services.rederivation.failures();
    io.err(
      `rederive: ${count(report.failed, 'investigation')} could not be re-derived (they stay queued):\n` +
        failed.map((f) => `  ${f.investigationId}: ${f.error ?? 'unknown error'}\n`).join(''),
    );
    return 1;
  });
}
