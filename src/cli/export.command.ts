/** `victim-care export (--urn URN | --all) DIR` */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SYSTEM_ACTOR } from '../services/actor.js';
import { UsageError, type CliIo } from './cli-io.js';
import { fmt, parseCommand, progressReporter, withApp } from './command-support.js';

export const EXPORT_HELP = `Usage: victim-care export (--urn URN | --all) DIR [--progress]

Writes investigations as case-history documents, DIR/<URN with "/" replaced by "-">.json (created if
absent). An imported investigation comes back as the document that was imported.

Options:
  --urn URN      one investigation (may be given more than once)
  --all          every investigation, in URN order
  --progress     report progress on stderr even when it is not a terminal
`;

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { urn: { type: 'string', multiple: true }, all: { type: 'boolean' }, progress: { type: 'boolean' } },
    EXPORT_HELP,
  );
  if (values.help) {
    io.out(EXPORT_HELP);
    return 0;
  }
  const urns = values.urn ?? [];
  if (urns.length > 0 === (values.all ?? false)) {
    throw new UsageError(['export needs either --urn URN or --all', '', EXPORT_HELP]);
  }
  if (positionals.length !== 1) throw new UsageError(['export takes exactly one DIR', '', EXPORT_HELP]);
  const dir = resolve(io.cwd, positionals[0]!);
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new UsageError([
      `${positionals[0]}: cannot create the directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    ]);
  }
  const progress = progressReporter(io, values.progress ?? false);
  return withApp(io, async (app) => {
    const write = (name: string, doc: Record<string, unknown>) =>
      writeFile(join(dir, name), JSON.stringify(doc, null, 2) + '\n');
    const onProgress = (done: number) => progress?.(`  ${fmt(done)} investigations written`);
    let total = 0;
    if (values.all) {
      total = (
        await app.services.caseHistories.exportCases(SYSTEM_ACTOR, { all: true }, write, { onProgress })
      ).investigations;
    }
    for (const urn of urns) {
      total += (await app.services.caseHistories.exportCases(SYSTEM_ACTOR, { urn }, write)).investigations;
    }
    progress?.(`  ${fmt(total)} investigations written`, true);
    io.out(`Exported ${fmt(total)} investigation(s) to ${positionals[0]}\n`);
    return 0;
  });
}
