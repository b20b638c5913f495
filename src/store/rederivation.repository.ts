import type { Db } from './database.js';

/** A queued investigation claimed by a sweep: the version it must reach and the one it was derived with. */
export interface ClaimedRederivation {
  investigationId: string;
  calendarVersion: number;
  derivedCalendarVersion: number;
}

/**
 * The re-derivation queue (`calendar_rederivations`): the investigations a calendar change affects, until
 * a sweep has re-derived them. Sweeps in any number of app instances share it: each claims a batch with
 * `for update skip locked`, so no two re-derive the same investigation at once.
 */
export class RederivationRepository {
  constructor(private readonly db: Db) {}

  /**
   * Queues every investigation derived with a calendar older than `version` that has an obligation due on
   * or after `date` (whatever its status: a due date before the changed date cannot move, one on or after
   * it may, and with it whether a met obligation was met in time). Already queued: keeps the higher
   * version and clears a failure. Returns how many rows were queued or updated.
   */
  async enqueueAffected(version: number, date: string): Promise<number> {
    const r = await this.db
      .insertInto('calendarRederivations')
      .columns(['investigationId', 'calendarVersion'])
      .expression((eb) =>
        eb
          .selectFrom('investigations as i')
          .select((s) => ['i.id', s.val(version).as('calendarVersion')])
          .where('i.derivedCalendarVersion', '<', version)
          .where('i.id', 'in', (sub) =>
            sub.selectFrom('obligations as o').select('o.investigationId').where('o.dueDate', '>=', date),
          ),
      )
      .onConflict((oc) =>
        oc.column('investigationId').doUpdateSet((eb) => ({
          calendarVersion: eb.fn('greatest', [
            eb.ref('calendarRederivations.calendarVersion'),
            eb.ref('excluded.calendarVersion'),
          ]),
          failedAt: null,
          error: null,
        })),
      )
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n);
  }

  /**
   * Claims up to `limit` queued investigations (not failed), in id order, locking each queue row and its
   * investigation until the transaction ends; rows another transaction holds — another sweep's batch, or
   * an officer's write to that investigation — are skipped, never waited for.
   */
  claimBatch(limit: number): Promise<ClaimedRederivation[]> {
    return this.db
      .selectFrom('calendarRederivations as q')
      .innerJoin('investigations as i', 'i.id', 'q.investigationId')
      .select(['q.investigationId', 'q.calendarVersion', 'i.derivedCalendarVersion'])
      .where('q.failedAt', 'is', null)
      .orderBy('q.investigationId')
      .limit(limit)
      .forUpdate(['q', 'i'])
      .skipLocked()
      .execute();
  }

  async remove(investigationIds: readonly string[]): Promise<void> {
    if (investigationIds.length === 0) return;
    await this.db
      .deleteFrom('calendarRederivations')
      .where('investigationId', 'in', investigationIds)
      .execute();
  }

  async markFailed(investigationId: string, error: string, at: string): Promise<void> {
    await this.db
      .updateTable('calendarRederivations')
      .set({ failedAt: at, error: error.slice(0, 2000) })
      .where('investigationId', '=', investigationId)
      .execute();
  }

  /** Puts failed rows back in the queue (an operator's run). Returns how many. */
  async retryFailed(): Promise<number> {
    const r = await this.db
      .updateTable('calendarRederivations')
      .set({ failedAt: null, error: null })
      .where('failedAt', 'is not', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Drops queue rows whose investigation was deleted. Returns how many. */
  async removeOrphans(): Promise<number> {
    const r = await this.db
      .deleteFrom('calendarRederivations as q')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(selectFrom('investigations as i').select('i.id').whereRef('i.id', '=', 'q.investigationId')),
        ),
      )
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async counts(): Promise<{ pending: number; failed: number }> {
    const row = await this.db
      .selectFrom('calendarRederivations')
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere('failedAt', 'is', null).as('pending'),
        eb.fn.countAll<number>().filterWhere('failedAt', 'is not', null).as('failed'),
      ])
      .executeTakeFirstOrThrow();
    return { pending: Number(row.pending), failed: Number(row.failed) };
  }

  listFailed(limit = 20): Promise<{ investigationId: string; error: string | null }[]> {
    return this.db
      .selectFrom('calendarRederivations')
      .select(['investigationId', 'error'])
      .where('failedAt', 'is not', null)
      .orderBy('investigationId')
      .limit(limit)
      .execute();
  }
}
