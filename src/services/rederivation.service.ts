/**
 * Re-deriving the investigations a bank-holiday change affects, at force scale and off the request.
 *
 * An administrator's change records itself (`calendar_changes`, a new calendar version) in the transaction
 * that adds or removes the holiday; every derivation stamps the investigation with the calendar version it
 * used (derivation.ts), under a lock that orders derivations and changes (CalendarRepository.lockVersion).
 * A sweep then:
 *
 * 1. queues, once per change, every investigation derived with an older calendar that has an obligation
 *    due on or after the changed date, whatever the obligation's status. A working-day count only moves
 *    when the changed day lies inside it, and every count ends on its due date, so a due date before the
 *    changed date cannot move; one on or after it may, and with it whether the obligation is overdue and
 *    whether one already met was met in time (compliance figures, the breach register's candidates). A
 *    change on a Saturday or Sunday moves nothing and queues nothing.
 * 2. takes the queue in batches, each one transaction: claims the rows `for update skip locked` (with
 *    their investigations, so an officer's write in flight is skipped, not waited for, and several
 *    instances share the queue without re-deriving the same investigation at once), re-derives each stale
 *    one through `deriveInvestigation` exactly as a write does, drops the rows, and appends one audit entry
 *    naming the investigations and the changes. An investigation a write re-derived since it was queued is
 *    already current: dropped without re-deriving. A batch that fails is retried one investigation a
 *    transaction; one that fails alone is marked failed and left for an operator (`victim-care rederive`).
 *
 * The admin's change starts a sweep in the background of that instance; `serve` resumes an unfinished one
 * at start; `victim-care rederive` runs one to completion.
 */
import { dateToDayNumber, weekdayOfDayNumber } from '../domain/calendar/london-time.js';
import type { Db } from '../store/database.js';
import type { CalendarChange } from '../store/database.types.js';
import { createRepositories } from '../store/repositories.js';
import type { Clock } from './clock.js';
import { deriveInvestigation, type RulesContext } from './derivation.js';

export const DEFAULT_BATCH_SIZE = 100;
const RETRY_DELAY_MS = 60_000;
const MAX_RETRIES = 5;
const CHANGES_NAMED = 10;

/** Where a background sweep reports (pino's logger fits). */
export interface RederivationLog {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** One JSON line on stderr per message, pino's shape: for when no logger is given. */
export const stderrLog: RederivationLog = {
  info: (fields, msg) =>
    process.stderr.write(`${JSON.stringify({ level: 30, time: Date.now(), ...fields, msg })}\n`),
  error: (fields, msg) =>
    process.stderr.write(`${JSON.stringify({ level: 50, time: Date.now(), ...fields, msg })}\n`),
};

export interface SweepProgress {
  batches: number;
  /** Investigations re-derived by this sweep. */
  rederived: number;
  /** Queued investigations a write had already re-derived with the current calendar. */
  alreadyCurrent: number;
  /** Investigations whose re-derivation failed on its own (left queued, marked failed). */
  failed: number;
  /** Still queued, as far as this sweep knows (other instances' work is counted at the end only). */
  left: number;
}

export interface SweepReport extends SweepProgress {
  /** Calendar changes this sweep queued the investigations of, and how many it queued. */
  changesQueued: number;
  queued: number;
  /** True when the sweep stopped before the queue was empty (`maxBatches`, or the app closing). */
  stopped: boolean;
}

export interface SweepOptions {
  batchSize?: number;
  /** Stop after this many batches (the rest stays queued for the next sweep). */
  maxBatches?: number;
  /** Put investigations whose re-derivation failed back in the queue first (an operator's run). */
  retryFailed?: boolean;
  /**
   * Queue every change's investigations again: any investigation derived with a calendar older than a
   * change that may move its due dates is re-derived. For after a bulk import that ran while the calendar
   * changed (the import records no calendar version: it counts as older than every change).
   */
  requeue?: boolean;
  onProgress?: (progress: SweepProgress) => void;
}

export interface RederivationStatus {
  /** The calendar's version (0 until the first change). */
  calendarVersion: number;
  /** Changes whose affected investigations are not queued yet. */
  changesToQueue: number;
  /** Investigations queued for re-derivation. */
  pending: number;
  /** Queued investigations whose re-derivation failed (retried by `victim-care rederive`). */
  failed: number;
  /** A sweep is running in this instance. */
  running: boolean;
}

interface BatchResult {
  claimed: number;
  rederived: number;
  alreadyCurrent: number;
  failed: number;
}

export class RederivationService {
  private running: Promise<void> | null = null;
  private requested = false;
  private stopping = false;
  private retries = 0;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly rules: RulesContext,
    private readonly log: RederivationLog = stderrLog,
  ) {}

  /** Where the queue stands (for the administrator's page and the API). */
  async status(): Promise<RederivationStatus> {
    const r = createRepositories(this.db);
    const [calendarVersion, changesToQueue, counts] = await Promise.all([
      r.calendar.version(),
      r.calendar.countUnqueued(),
      r.rederivations.counts(),
    ]);
    return { calendarVersion, changesToQueue, ...counts, running: this.running !== null };
  }

  /** Queued investigations whose re-derivation failed, with the error (the first `limit`). */
  failures(limit = 20): Promise<{ investigationId: string; error: string | null }[]> {
    return createRepositories(this.db).rederivations.listFailed(limit);
  }

  /**
   * Starts a sweep in the background of this instance (or, when one is running, another after it), and
   * returns at once. Errors are logged, never thrown; a failed sweep is retried a minute later (up to
   * five times in a row).
   */
  startInBackground(): void {
    if (this.stopping) return;
    this.requested = true;
    if (this.running) return;
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when no background sweep is running in this instance. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops the background sweep after its current batch (the rest stays queued) and waits for it. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.idle();
  }

  private async loop(): Promise<void> {
    while (this.requested && !this.stopping) {
      this.requested = false;
      try {
        const report = await this.sweep();
        this.retries = 0;
        if (report.queued > 0 || report.rederived > 0 || report.failed > 0) {
          this.log.info(
            { rederivation: report },
            report.stopped
              ? 'calendar re-derivation stopped (the rest stays queued)'
              : 'calendar re-derivation done',
          );
        }
      } catch (e) {
        const err = e as Error;
        this.log.error({ err: { message: err.message, stack: err.stack } }, 'calendar re-derivation failed');
        if (!this.stopping && this.retries < MAX_RETRIES) {
          this.retries += 1;
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            this.startInBackground();
          }, RETRY_DELAY_MS);
          this.retryTimer.unref();
        }
        return;
      }
    }
  }

  /**
   * Queues the investigations of every change not queued yet, then re-derives the queue batch by batch
   * until it is empty (of what this instance can claim), `maxBatches` is reached or the app is closing.
   */
  async sweep(options: SweepOptions = {}): Promise<SweepReport> {
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    const repos = createRepositories(this.db);
    if (options.retryFailed) await repos.rederivations.retryFailed();
    if (options.requeue) await repos.calendar.unqueueAll();
    const first = await this.queueChanges();
    const report: SweepReport = {
      batches: 0,
      rederived: 0,
      alreadyCurrent: 0,
      failed: 0,
      left: (await repos.rederivations.counts()).pending,
      changesQueued: first.changes,
      queued: first.queued,
      stopped: false,
    };
    for (;;) {
      if (this.stopping || (options.maxBatches !== undefined && report.batches >= options.maxBatches)) {
        report.stopped = true;
        break;
      }
      const batch = await this.runBatch(batchSize);
      if (batch.claimed === 0) {
        // A change made while this sweep ran (by another instance) has its own investigations to queue.
        const more = await this.queueChanges();
        report.changesQueued += more.changes;
        report.queued += more.queued;
        report.left += more.queued;
        if (more.changes > 0) continue;
        break;
      }
      report.batches += 1;
      report.rederived += batch.rederived;
      report.alreadyCurrent += batch.alreadyCurrent;
      report.failed += batch.failed;
      report.left = Math.max(0, report.left - batch.claimed + batch.failed);
      options.onProgress?.({ ...report });
      // Let requests in between batches (PGlite has one connection).
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!report.stopped) await repos.rederivations.removeOrphans();
    report.left = (await repos.rederivations.counts()).pending;
    return report;
  }

  /** Queues the affected investigations of each change not queued yet, one transaction a change. */
  async queueChanges(): Promise<{ changes: number; queued: number }> {
    let changes = 0;
    let queued = 0;
    for (;;) {
      const done = await this.db.transaction().execute(async (trx) => {
        const r = createRepositories(trx);
        const change = await r.calendar.nextChangeToQueue();
        if (!change) return null;
        const n = movesWorkingDays(change.date)
          ? await r.rederivations.enqueueAffected(change.version, change.date)
          : 0;
        await r.calendar.markQueued(change.version, this.clock.now().toISOString());
        return n;
      });
      if (done === null) return { changes, queued };
      changes += 1;
      queued += done;
    }
  }

  /** One batch in one transaction; a failed batch is retried one investigation at a time. */
  private async runBatch(size: number): Promise<BatchResult> {
    let claimedIds: string[] = [];
    try {
      return await this.db.transaction().execute(async (trx) => {
        const r = createRepositories(trx);
        const now = this.clock.now();
        const claimed = await r.rederivations.claimBatch(size);
        claimedIds = claimed.map((c) => c.investigationId);
        const stale = claimed.filter((c) => c.derivedCalendarVersion < c.calendarVersion);
        let version = 0;
        for (const c of stale) {
          version = (await deriveInvestigation(trx, c.investigationId, this.rules, now)).calendarVersion;
        }
        await r.rederivations.remove(claimedIds);
        if (stale.length > 0) {
          const changes = await r.calendar.changesBetween(
            Math.min(...stale.map((c) => c.derivedCalendarVersion)),
            version,
          );
          await r.audit.append({
            at: now.toISOString(),
            userId: null,
            action: 'rederive',
            recordType: 'investigation-batch',
            recordId: null,
            reason: describeChanges(changes),
            detail: {
              investigations: stale.map((c) => c.investigationId),
              calendarVersion: version,
              changes: changes.slice(-CHANGES_NAMED).map((c) => ({
                version: c.version,
                date: c.date,
                change: c.change,
              })),
              alreadyCurrent: claimed.length - stale.length,
            },
          });
        }
        return {
          claimed: claimed.length,
          rederived: stale.length,
          alreadyCurrent: claimed.length - stale.length,
          failed: 0,
        };
      });
    } catch (e) {
      if (claimedIds.length === 0) throw e;
      if (claimedIds.length === 1) {
        const id = claimedIds[0]!;
        const message = (e as Error).message;
        await createRepositories(this.db).rederivations.markFailed(
          id,
          message,
          this.clock.now().toISOString(),
        );
        this.log.error(
          { investigationId: id, err: { message } },
          'calendar re-derivation of an investigation failed',
        );
        return { claimed: 1, rederived: 0, alreadyCurrent: 0, failed: 1 };
      }
      const total: BatchResult = { claimed: 0, rederived: 0, alreadyCurrent: 0, failed: 0 };
      for (let i = 0; i < claimedIds.length; i++) {
        const one = await this.runBatch(1);
        if (one.claimed === 0) break;
        total.claimed += one.claimed;
        total.rederived += one.rederived;
        total.alreadyCurrent += one.alreadyCurrent;
        total.failed += one.failed;
      }
      return total;
    }
  }
}

/** A bank holiday on a Saturday or Sunday changes no working-day count. */
function movesWorkingDays(date: string): boolean {
  return weekdayOfDayNumber(dateToDayNumber(date)) < 5;
}

/** "bank holiday 2026-06-01 added; bank holiday 2026-06-08 removed" (the latest few, with a count). */
function describeChanges(changes: readonly CalendarChange[]): string {
  if (changes.length === 0) return 'calendar changed';
  const named = changes
    .slice(-CHANGES_NAMED)
    .map((c) => `bank holiday ${c.date} ${c.change}${c.name ? ` (${c.name})` : ''}`);
  const more = changes.length - named.length;
  return `${more > 0 ? `${more} earlier calendar changes; ` : ''}${named.join('; ')}`;
}
