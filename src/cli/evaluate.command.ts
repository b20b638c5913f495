/** `victim-care evaluate FILE [--as-of ISO] [--format json|text] [--rule-pack ID|FILE] [--explain]` */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isValidInstant, readCaseHistory } from '../case-history/case-history.schema.js';
import { evaluationToJson } from '../case-history/evaluation-output.js';
import { evaluationToText } from '../case-history/evaluation-text.js';
import { shippedCalendar } from '../domain/calendar/working-day-calendar.js';
import { evaluateCase } from '../domain/evaluate.js';
import { loadRulePack } from './rule-pack-option.js';
import { UsageError, type CliIo } from './cli-io.js';

export const EVALUATE_HELP = `Usage: victim-care evaluate FILE [options]

Applies the rulebook to a case-history file and prints eligibility, obligations and findings.

Options:
  --as-of ISO          evaluate as of this instant (default: the file's asOf, else now)
  --format json|text   json (default) as FORMAT.md describes, or a table to read
  --rule-pack ID|FILE  a shipped pack (default victims-code-2020+kent-n15a) or a local-policy JSON file
  --explain            json: add each decision's reasons, each obligation's title and owner
`;

export async function evaluateCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'as-of': { type: 'string' },
        format: { type: 'string', default: 'json' },
        'rule-pack': { type: 'string' },
        explain: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError([(e as Error).message, '', EVALUATE_HELP]);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(EVALUATE_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(['evaluate takes exactly one FILE', '', EVALUATE_HELP]);
  if (values.format !== 'json' && values.format !== 'text') {
    throw new UsageError([`--format: must be json or text, not ${JSON.stringify(values.format)}`]);
  }
  if (values['as-of'] !== undefined && !isValidInstant(values['as-of'])) {
    throw new UsageError([
      `--as-of: must be an ISO 8601 instant with Z or an offset, not ${JSON.stringify(values['as-of'])}`,
    ]);
  }
  const file = positionals[0]!;
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError([
      `${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    ]);
  }
  const pack = await loadRulePack(values['rule-pack'], io);
  const read = readCaseHistory(text);
  if (!read.ok) throw new UsageError(read.problems.map((p) => `${p.path}: ${p.message}`));

  const asOf = values['as-of'] ?? read.history.asOf ?? io.now().toISOString();
  const evaluation = evaluateCase(read.history, { pack, calendar: shippedCalendar(), asOf });
  io.out(
    values.format === 'text'
      ? evaluationToText(read.history, evaluation)
      : JSON.stringify(evaluationToJson(evaluation, { explain: values.explain }), null, 2) + '\n',
  );
  return 0;
}
