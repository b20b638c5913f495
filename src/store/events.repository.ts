import type { Db } from './database.js';
import type { EventRow } from './database.types.js';
import { nextRefFrom } from './people.repository.js';
import { json } from './sql-helpers.js';

export interface NewEvent {
  investigationId: string;
  /** Case-history id (`e7`); allocated as the next `eN` when absent. */
  ref?: string;
  type: string;
  /** ISO instant of what happened. */
  at: string;
  personId?: string | null;
  recordedBy?: string | null;
  recordedAt?: string;
  /**
   * The type-specific fields exactly as the case-history format names them (`method`, `outcome`,
   * `purposes`, `informs` as event refs, `summary`, `service`, `consent`, …), without id/at/type/person.
   */
  details?: Record<string, unknown>;
}

export interface EventWithPersonRef extends EventRow {
  personRef: string | null;
}

/** The contact log and every other fact with a time: append-only. */
export class EventsRepository {
  constructor(private readonly db: Db) {}

  async append(event: NewEvent): Promise<EventRow> {
    const ref = event.ref ?? (await this.nextRef(event.investigationId));
    return this.db
      .insertInto('events')
      .values({
        investigationId: event.investigationId,
        ref,
        type: event.type,
        at: event.at,
        personId: event.personId ?? null,
        recordedBy: event.recordedBy ?? null,
        ...(event.recordedAt ? { recordedAt: event.recordedAt } : {}),
        details: json(event.details ?? {}),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Next `eN` ref (callers serialise writers per investigation, e.g. by its version or `lockById`). */
  async nextRef(investigationId: string): Promise<string> {
    const rows = await this.db
      .selectFrom('events')
      .select('ref')
      .where('investigationId', '=', investigationId)
      .where('ref', 'like', 'e%')
      .execute();
    return nextRefFrom(
      rows.map((r) => r.ref),
      'e',
    );
  }

  getById(id: string): Promise<EventRow | undefined> {
    return this.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getByRef(investigationId: string, ref: string): Promise<EventRow | undefined> {
    return this.db
      .selectFrom('events')
      .selectAll()
      .where('investigationId', '=', investigationId)
      .where('ref', '=', ref)
      .executeTakeFirst();
  }

  /** Every event of an investigation in time order (ties in recording order), with the person's ref. */
  listByInvestigation(investigationId: string): Promise<EventWithPersonRef[]> {
    return this.db
      .selectFrom('events as e')
      .leftJoin('people as p', 'p.id', 'e.personId')
      .selectAll('e')
      .select('p.ref as personRef')
      .where('e.investigationId', '=', investigationId)
      .orderBy('e.at')
      .orderBy('e.seq')
      .execute();
  }
}
