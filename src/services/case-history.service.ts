/**
 * Import and export of case histories (docs/case-history-format.md): whole investigations in, evaluated
 * in memory and written with their derived obligations and findings in the same transaction; and back
 * out as the same documents.
 *
 * Import is all-or-nothing per run, in one pass and ONE transaction for the whole run. Each document is
 * read once (JSON, then the case-history reader), its URN checked against the rest of the run, evaluated,
 * and written in batches of `batchSize` cases; before a batch is written its URNs are checked against the
 * store (unless `replace`, which deletes them in the same transaction instead). One batch write is kept in
 * flight while the next batch is read and evaluated. As soon as a problem is found nothing more is
 * written, but every remaining document is still read and checked, so that the refusal lists all of them
 * (one line per problem naming the file, and line for `.jsonl`, and the JSON path); then the transaction
 * is rolled back. Nothing is ever half-imported: not on a bad document late in the run, and not if the
 * process or the database dies mid-import (an uncommitted transaction leaves nothing behind).
 *
 * One audit 'import' row per written batch, appended in the same transaction, after the last batch:
 * appends hold the audit chain's lock until the transaction ends, so appending them last keeps other
 * audit appends (every audited read in the application) waiting only for those appends and the commit,
 * not for the whole import. On PGlite, which is one session, the import's transaction holds the session
 * from start to end: other queries wait for it (acceptable for an administrator's import). ANALYZE (and
 * VACUUM) of a large import run after the commit.
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
import type { NewAuditEntry } from '../store/audit.repository.js';
import type { NewImportedCase } from '../store/case-history.repository.js';
import type { Db } from '../store/database.js';
import { createRepositories, type Repositories } from '../store/repositories.js';
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
  /** Cases per write, and per audit 'import' row (default 1000); the whole run is one transaction. */
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
  /**
   * Milliseconds spent reading documents (JSON and the case-history reader), summed over the run; the
   * reading is interleaved with evaluation and the writes, so it is a share of `elapsedMs`.
   */
  readMs: number;
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
    const officers: { id: string; teamId: string | null }[] = [];
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
      readMs: 0,
    };
    const replace = options.replace ?? false;
    const batchSize = Math.max(1, options.batchSize ?? 1000);
    const asOf = this.clock.now().toISOString();
    const calendar = this.rules.calendar();
    let more = 0;
    const problem = (p: FieldProblem) => (problems.length < MAX_PROBLEMS ? problems.push(p) : more++);
    /** Where each URN of the run was first seen (`file` or `file:line`). */
    const urnAt = new Map<string, string>();
    let index = 0;

    // One transaction for the whole run: it commits only if no document had a problem.
    await this.db.transaction().execute(async (trx) => {
      const r = createRepositories(trx);
      /** The batch write in flight (the transaction's connection runs one statement at a time). */
      let writing: Promise<void> | null = null;
      const written = async () => {
        const w = writing;
        writing = null;
        if (w) await w;
      };
      /** The audit rows of the written batches, appended last so that the chain lock is held briefly. */
      const audits: NewAuditEntry[] = [];
      /** URNs of the batch being read, with each case while no problem has been found (null after). */
      let batch: { urn: string; case: NewImportedCase | null }[] = [];
      let batchFiles = new Set<string>();

      const flush = async () => {
        if (batch.length === 0) return;
        const pending = batch;
        const files = [...batchFiles];
        batch = [];
        batchFiles = new Set();
        await written();
        if (!replace) {
          for (const existing of await r.caseHistories.findByUrns(pending.map((p) => p.urn))) {
            problem({
              field: `${urnAt.get(existing.urn)}: investigation.urn`,
              message: `an investigation with URN "${existing.urn}" already exists (use --replace to replace it)`,
            });
          }
        }
        if (problems.length > 0) return;
        const cases = pending.map((p) => p.case!);
        writing = this.writeBatch(r, actor, cases, files, replace, asOf).then(({ counts, audit }) => {
          report.investigations += counts.investigations;
          report.people += counts.people;
          report.events += counts.events;
          report.obligations += counts.obligations;
          report.findings += counts.findings;
          report.replaced += counts.replaced;
          report.victims += counts.victims;
          audits.push(audit);
          options.onProgress?.({
            investigations: report.investigations,
            victims: report.victims,
            elapsedMs: performance.now() - started,
          });
        });
        // Awaited before the next statement; until then a failure must not count as unhandled.
        writing.catch(() => undefined);
      };

      try {
        for (const source of sources) {
          for await (const doc of source.documents()) {
            const where = doc.line === undefined ? source.name : `${source.name}:${doc.line}`;
            const readStarted = performance.now();
            const read = parse(doc.text);
            report.readMs += performance.now() - readStarted;
            if (!read.ok) {
              for (const p of read.problems) problem({ field: `${where}: ${p.path}`, message: p.message });
              continue;
            }
            const history = read.history;
            const urn = history.investigation.urn;
            const first = urnAt.get(urn);
            if (first !== undefined) {
              problem({ field: `${where}: investigation.urn`, message: `URN "${urn}" is also in ${first}` });
              continue;
            }
            urnAt.set(urn, where);
            // Once anything is wrong nothing will be written: the rest is only checked, not evaluated.
            let c: NewImportedCase | null = null;
            if (problems.length === 0) {
              const officer = officers.length > 0 ? officers[index++ % officers.length]! : null;
              const evaluation = evaluateCase(history, { pack: this.rules.pack, calendar, asOf });
              const shape = shapeOfDocument(read.raw, history);
              c = {
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
              };
            }
            batch.push({ urn, case: c });
            batchFiles.add(source.name);
            if (batch.length >= batchSize) await flush();
          }
        }
        await flush();
        await written();
      } catch (e) {
        // Let the write in flight finish before the transaction is rolled back.
        await written().catch(() => undefined);
        throw e;
      }
      if (more > 0) problems.push({ field: '…', message: `and ${more} more problems` });
      if (problems.length > 0) {
        throw new ValidationFailed(problems, 'The import was refused: nothing was written');
      }
      for (const audit of audits) await r.audit.append(audit);
    });

    // A large import changes the tables' shape: refresh the planner's statistics before anyone reads them
    // (after the commit: VACUUM cannot run in a transaction).
    if (report.investigations >= ANALYZE_AFTER) await repos.caseHistories.analyze();
    report.elapsedMs = performance.now() - started;
    return report;
  }

  /** Writes one batch in the import's transaction; returns its counts and its audit row (appended later). */
  private async writeBatch(
    r: Repositories,
    actor: Actor,
    cases: NewImportedCase[],
    files: string[],
    replace: boolean,
    derivedAt: string,
  ) {
    const urns = cases.map((c) => c.history.investigation.urn);
    let replaced = 0;
    if (replace) {
      replaced = await r.caseHistories.deleteInvestigations(
        (await r.caseHistories.findByUrns(urns)).map((x) => x.id),
      );
    }
    const counts = await r.caseHistories.insertMany(cases, { recordedBy: auditUserId(actor), derivedAt });
    const victims = cases.reduce((n, c) => n + c.history.people.filter((p) => p.role === 'victim').length, 0);
    const single = counts.ids.length === 1;
    const audit: NewAuditEntry = {
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
    };
    return { counts: { ...counts, replaced, victims }, audit };
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
