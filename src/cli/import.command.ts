/** `victim-care import FILE|DIR… [--officer U[,U…]] [--team CODE] [--replace] [--batch N] [--progress]` */
import { SYSTEM_ACTOR } from '../services/actor.js';
import { caseHistoryFiles } from '../services/case-history.service.js';
import { UsageError, type CliIo } from './cli-io.js';
import { fmt, parseCommand, positiveInt, progressReporter, withApp } from './command-support.js';

export const IMPORT_HELP = `Usage: victim-care import FILE|DIR... [options]

Loads case-history files into the store (DATA_DIR, or DATABASE_URL), evaluating each investigation and
writing its obligations and findings with it. A FILE is one document (.json) or one document a line
(.jsonl); a DIR means its *.json (not *.expected.json) and *.jsonl files.

The whole run is one transaction: if any document is bad, or its URN already exists, nothing is
imported (not even what was written before the problem was found), every file is still checked, and
each problem is printed as "FILE: JSON.path: problem" (FILE:LINE for .jsonl), exit status 2.

Options:
  --officer USERNAME[,USERNAME...]  officer in charge (several: the cases go to each in turn)
  --team CODE                       team (default: the officer's own team)
  --replace                         replace investigations whose URN already exists
  --batch N                         cases per write and audit row (default 1000)
  --progress                        report progress on stderr even when it is not a terminal
`;

export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      officer: { type: 'string', multiple: true },
      team: { type: 'string' },
      replace: { type: 'boolean' },
      batch: { type: 'string' },
      progress: { type: 'boolean' },
    },
    IMPORT_HELP,
  );
  if (values.help) {
    io.out(IMPORT_HELP);
    return 0;
  }
  if (positionals.length === 0) {
    throw new UsageError(['import needs at least one FILE or DIR', '', IMPORT_HELP]);
  }
  const batchSize = positiveInt('batch', values.batch, 1000);
  const officers = (values.officer ?? [])
    .flatMap((o) => o.split(','))
    .map((o) => o.trim())
    .filter((o) => o !== '');
  const progress = progressReporter(io, values.progress ?? false);
  return withApp(io, async (app) => {
    const sources = await caseHistoryFiles(positionals, io.cwd);
    const r = await app.services.caseHistories.importSources(SYSTEM_ACTOR, sources, {
      officers,
      ...(values.team !== undefined ? { team: values.team } : {}),
      replace: values.replace ?? false,
      batchSize,
      ...(progress
        ? {
            onProgress: (p) =>
              progress(
                `  ${fmt(p.investigations)} investigations, ${fmt(p.victims)} victims — ${fmt(p.victims / (p.elapsedMs / 1000))} victims/s`,
              ),
          }
        : {}),
    });
    progress?.(`  ${fmt(r.investigations)} investigations, ${fmt(r.victims)} victims`, true);
    const seconds = r.elapsedMs / 1000;
    io.out(
      `Imported ${fmt(r.investigations)} investigations (${fmt(r.victims)} victims, ${fmt(r.people)} people, ${fmt(r.events)} events; ` +
        `${fmt(r.obligations)} obligations, ${fmt(r.findings)} findings derived) from ${fmt(r.files)} file(s) in ${seconds.toFixed(1)} s` +
        ` — ${fmt(r.victims / Math.max(seconds, 0.001))} victims/s` +
        (r.replaced > 0 ? `; ${fmt(r.replaced)} replaced` : '') +
        '\n',
    );
    return 0;
  });
}
