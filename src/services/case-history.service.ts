/**
 * Import and export of case histories (docs/case-history-format.md): whole investigations in, evaluated
 * in memory and written with their derived obligations and findings in the same transaction; and back
 * out as the same documents.
 *
 * Import is all-or-nothing per run: every document of every file is validated (and its URN checked
 * against the store and the rest of the run) before anything is written. One bad document refuses the
 * whole run, with one line per problem naming the file (and line, for `.jsonl`) and the JSON path. Then
 * cases are written in batches, one transaction each (a batch holds whole `.json` files; a `.jsonl` file
 * may span batches), with one audit 'import' row per batch.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { can, type Actor } from '../auth/access.policy.js';
import { readCaseHistoryDocument } from '../case-history/case-history.schema.js';
import type { CaseHistory } from '../domain/case-history/case-history.types.js';
import { evaluateCase } from '../domain/evaluate.js';
import { reportBreakdowns } from '../domain/report-breakdown.js';
import type { NewImportedCase } from '../store/case-history.repository.js';
import type { Db } from '../store/database.js';
import { createRepositories } from '../store/repositories.js';
import { auditUserId } from './actor.js';
import { documentOf, exportFileName, shapeOfDocument } from './case-history-shape.js';
import type { Clock } from './clock.js';
import { statusFromEvents, type RulesContext } from './derivation.js';
import { NotFound, ValidationFailed, type FieldProblem } from './service-errors.js';
import { refuse } from './refusal.js';

/** A file (or any text) holding case-history documents: one per `.json`, one per line for `.jsonl`. */
export interface DocumentSource {
  name: string;
  documents(): AsyncIterable<{ text: string; line?: number }>;
}

export interface ImportOptions {
  /** Usernames of the officers in charge, given cases in turn (default: none). */
  officers?: readonly string[];
  /** Team code (default: each officer's own team). */
  team?: string;
  /** Replace investigations whose URN already exists (default: refuse the run). */
  replace?: boolean;
  /** Cases per transaction (default 1000). */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  investigations: number;
  victims: number;
  elapsedMs: number;
}

export interface ImportReport extends ImportProgress {
  files: number;
  people: number;
  events: number;
  obligations: number;
  findings: number;
  replaced: number;
  /** Milliseconds spent validating before the first write. */
  validateMs: number;
}

/** At most this many problems are listed (then a count of the rest). */
const MAX_PROBLEMS = 50;
/** Imports of at least this many investigations end with ANALYZE of the case tables. */
const ANALYZE_AFTER = 10_000;

export class CaseHistoryService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly rules: RulesContext,
  ) {}

  private async require(actor: Actor, action: 'case-history:import' | 'case-history:export'): Promise<void> {
    if (can(actor, action)) return;
    await refuse(
      this.db,
      this.clock,
      actor,
      { action, recordType: 'case-history' },
      action === 'case-history:import'
        ? 'Only an administrator can import case histories'
        : 'Your role cannot export case histories',
    );
  }

  /** Imports one document (a file's text): validated, written and derived in one transaction. */
  importDocument(
    actor: Actor,
    name: string,
    text: string,
    options: ImportOptions = {},
  ): Promise<ImportReport> {
    return this.importSources(actor, [textSource(name, text)], options);
  }

  async importSources(
    actor: Actor,
    sources: readonly DocumentSource[],
    options: ImportOptions = {},
  ): Promise<ImportReport> {
    await this.require(actor, 'case-history:import');
    const started = performance.now();
    const repos = createRepositories(this.db);

    // Who the cases go to.
    const problems: FieldProblem[] = [];
    const officers = [];
    for (const username of options.officers ?? []) {
      const user = await repos.users.getByUsername(username.trim().toLowerCase());
      if (!user) problems.push({ field: '--officer', message: `no user "${username}"` });
      else officers.push(user);
    }
    let teamId: string | null | undefined;
    if (options.team !== undefined) {
      const team = await repos.users.getTeamByCode(options.team);
      if (!team) problems.push({ field: '--team', message: `no team with code "${options.team}"` });
      teamId = team?.id ?? null;
    }
    if (problems.length > 0) throw new ValidationFailed(problems, 'The import was refused');

    // Pass 1: validate everything; nothing is written if anything is wrong.
    const urnAt = new Map<string, string>();
    let more = 0;
    const problem = (p: FieldProblem) => (problems.length < MAX_PROBLEMS ? problems.push(p) : more++);
    for (const source of sources) {
      for await (const doc of source.documents()) {
        const where = doc.line === undefined ? source.name : `${source.name}:${doc.line}`;
        const read = parse(doc.text);
        if (!read.ok) {
          for (const p of read.problems) problem({ field: `${where}: ${p.path}`, message: p.message });
          continue;
        }
        const urn = read.history.investigation.urn;
        const first = urnAt.get(urn);
        if (first !== undefined) {
          problem({ field: `${where}: investigation.urn`, message: `URN "${urn}" is also in ${first}` });
        } else urnAt.set(urn, where);
      }
    }
    if (!options.replace) {
      for (const existing of await repos.caseHistories.findByUrns([...urnAt.keys()])) {
        problem({
          field: `${urnAt.get(existing.urn)}: investigation.urn`,
          message: `an investigation with URN "${existing.urn}" already exists (use --replace to replace it)`,
        });
      }
    }
    if (more > 0) problems.push({ field: '…', message: `and ${more} more problems` });
    if (problems.length > 0) {
      throw new ValidationFailed(problems, 'The import was refused: nothing was written');
    }
    const validateMs = performance.now() - started;

    // Pass 2: evaluate in memory and write in batches (two in flight, so evaluation overlaps the writes).
    const report: ImportReport = {
      files: sources.length,
      investigations: 0,
      victims: 0,
      people: 0,
      events: 0,
      obligations: 0,
      findings: 0,
      replaced: 0,
      elapsedMs: 0,
      validateMs,
    };
    const batchSize = Math.max(1, options.batchSize ?? 1000);
    const now = this.clock.now();
    const asOf = now.toISOString();
    const calendar = this.rules.calendar();
    const inFlight = new Set<Promise<void>>();
    let failure: unknown;
    let batch: NewImportedCase[] = [];
    let batchFiles = new Set<string>();
    let index = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const cases = batch;
      const files = [...batchFiles];
      batch = [];
      batchFiles = new Set();
      while (inFlight.size >= 2) await Promise.race(inFlight);
      if (failure !== undefined) return;
      const p = this.writeBatch(actor, cases, files, options.replace ?? false, asOf)
        .then((counts) => {
          report.investigations += counts.investigations;
          report.people += counts.people;
          report.events += counts.events;
          report.obligations += counts.obligations;
          report.findings += counts.findings;
          report.replaced += counts.replaced;
          report.victims += counts.victims;
          options.onProgress?.({
            investigations: report.investigations,
            victims: report.victims,
            elapsedMs: performance.now() - started,
          });
        })
        .catch((e: unknown) => {
          failure ??= e;
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    };
    for (const source of sources) {
      for await (const doc of source.documents()) {
        if (failure !== undefined) break;
        const read = parse(doc.text);
        if (!read.ok) {
          throw new ValidationFailed([
            { field: source.name, message: 'changed while it was being imported' },
          ]);
        }
        const officer = officers.length > 0 ? officers[index++ % officers.length]! : null;
        const history = read.history;
        const evaluation = evaluateCase(history, { pack: this.rules.pack, calendar, asOf });
        const shape = shapeOfDocument(read.raw, history);
        batch.push({
          history,
          investigationShape: shape.investigation,
          personShapes: shape.people,
          eventSourceAts: shape.eventSourceAts,
          status: statusFromEvents(history),
          officerInChargeId: officer?.id ?? null,
          teamId: teamId !== undefined ? teamId : (officer?.teamId ?? null),
          obligations: evaluation.obligations,
          findings: evaluation.findings,
          breakdowns: reportBreakdowns(history, evaluation.findings),
        });
        batchFiles.add(source.name);
        if (batch.length >= batchSize) await flush();
      }
    }
    await flush();
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
    // A large import changes the tables' shape: refresh the planner's statistics before anyone reads them.
    if (report.investigations >= ANALYZE_AFTER) await repos.caseHistories.analyze();
    report.elapsedMs = performance.now() - started;
    return report;
  }

  private writeBatch(
    actor: Actor,
    cases: NewImportedCase[],
    files: string[],
    replace: boolean,
    derivedAt: string,
  ) {
    return this.db.transaction().execute(async (trx) => {
      const r = createRepositories(trx);
      const urns = cases.map((c) => c.history.investigation.urn);
      let replaced = 0;
      if (replace) {
        replaced = await r.caseHistories.deleteInvestigations(
          (await r.caseHistories.findByUrns(urns)).map((x) => x.id),
        );
      }
      const counts = await r.caseHistories.insertMany(cases, { recordedBy: auditUserId(actor), derivedAt });
      const victims = cases.reduce(
        (n, c) => n + c.history.people.filter((p) => p.role === 'victim').length,
        0,
      );
      const single = counts.ids.length === 1;
      await r.audit.append({
        at: derivedAt,
        userId: auditUserId(actor),
        action: 'import',
        recordType: single ? 'investigation' : 'investigation-batch',
        recordId: single ? counts.ids[0]! : null,
        investigationId: single ? counts.ids[0]! : null,
        detail: {
          files,
          urns,
          people: counts.people,
          events: counts.events,
          obligations: counts.obligations,
          findings: counts.findings,
          replaced,
        },
      });
      return { ...counts, replaced, victims };
    });
  }

  /**
   * Writes investigations as case-history documents through `write(fileName, document)`: one by URN, or
   * all in URN order. Non-administrators do not get restricted investigations. One audit 'export' row
   * per page of up to 500 investigations.
   */
  async exportCases(
    actor: Actor,
    target: { urn: string } | { all: true },
    write: (fileName: string, document: Record<string, unknown>) => Promise<void>,
    options: { onProgress?: (done: number) => void } = {},
  ): Promise<{ investigations: number }> {
    await this.require(actor, 'case-history:export');
    const repos = createRepositories(this.db);
    const visible = (i: { restricted: boolean }) => actor.role === 'admin' || !i.restricted;
    let done = 0;
    const exportPage = async (page: { id: string; urn: string; restricted: boolean }[]) => {
      const stored = await repos.caseHistories.loadStored(page.filter(visible).map((p) => p.id));
      for (const s of stored) await write(exportFileName(s.investigation.urn), documentOf(s));
      if (stored.length > 0) {
        await repos.audit.append({
          at: this.clock.now().toISOString(),
          userId: auditUserId(actor),
          action: 'export',
          recordType: stored.length === 1 ? 'investigation' : 'investigation-batch',
          recordId: stored.length === 1 ? stored[0]!.investigation.id : null,
          investigationId: stored.length === 1 ? stored[0]!.investigation.id : null,
          detail: { format: 'case-history', urns: stored.map((s) => s.investigation.urn) },
        });
      }
      done += stored.length;
      options.onProgress?.(done);
    };
    if ('urn' in target) {
      const found = (await repos.caseHistories.findByUrns([target.urn]))[0];
      const inv = found ? await repos.investigations.getById(found.id) : undefined;
      if (!inv || !visible(inv)) throw new NotFound(`The investigation ${target.urn}`);
      await exportPage([{ id: inv.id, urn: inv.urn, restricted: inv.restricted }]);
      return { investigations: done };
    }
    let after: string | null = null;
    for (let guard = 0; guard < 100_000; guard++) {
      const page = await repos.caseHistories.listIdsByUrn(after, 500);
      if (page.length === 0) break;
      await exportPage(page);
      after = page[page.length - 1]!.urn;
    }
    return { investigations: done };
  }
}

type Parsed =
  | { ok: true; history: CaseHistory; raw: unknown }
  | { ok: false; problems: { path: string; message: string }[] };

function parse(text: string): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [{ path: '(document)', message: `not JSON: ${(e as Error).message}` }] };
  }
  const read = readCaseHistoryDocument(raw);
  return read.ok ? { ok: true, history: read.history, raw } : read;
}

/** A source holding one document. */
export function textSource(name: string, text: string): DocumentSource {
  return {
    name,
    async *documents() {
      yield { text };
    },
  };
}

/** A `.json` file (one document) or a `.jsonl` file (one document a line; blank lines skipped). */
export function fileSource(path: string, name: string = path): DocumentSource {
  if (!path.endsWith('.jsonl')) {
    return {
      name,
      async *documents() {
        yield { text: await readFile(path, 'utf8') };
      },
    };
  }
  return {
    name,
    async *documents() {
      const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
      let line = 0;
      for await (const text of lines) {
        line++;
        if (text.trim() !== '') yield { text, line };
      }
    },
  };
}

/**
 * The sources named on a command line: a file as given; a directory's `*.json` (not `*.expected.json`)
 * and `*.jsonl` files in name order. Unreadable paths are reported as problems.
 */
export async function caseHistoryFiles(paths: readonly string[], cwd: string): Promise<DocumentSource[]> {
  const sources: DocumentSource[] = [];
  const problems: FieldProblem[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      problems.push({
        field: given,
        message: `cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      });
      continue;
    }
    if (info.isDirectory()) {
      const names = (await readdir(path))
        .filter((n) => (n.endsWith('.json') && !n.endsWith('.expected.json')) || n.endsWith('.jsonl'))
        .sort();
      if (names.length === 0) problems.push({ field: given, message: 'has no *.json or *.jsonl files' });
      for (const n of names) sources.push(fileSource(join(path, n), join(given, n)));
    } else {
      sources.push(fileSource(path, given));
    }
  }
  if (problems.length > 0) throw new ValidationFailed(problems, 'The import was refused');
  return sources;
}
