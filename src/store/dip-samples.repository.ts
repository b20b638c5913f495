/**
 * Supervisors' dip sampling: a random sample of a team's contacts (events of type `contact`) in a period
 * is drawn into the supervisor's queue; each is reviewed for quality (meets the standard or not, notes).
 * A contact is sampled at most once (unique index on event_id).
 */
import { sql } from 'kysely';
import type { Db } from './database.js';
import { pageOf, type Page } from './sql-helpers.js';

export type DipOutcome = 'meets-standard' | 'does-not-meet-standard';
export const DIP_OUTCOMES: readonly DipOutcome[] = ['meets-standard', 'does-not-meet-standard'];

export interface DipSampleItem {
  id: number;
  eventId: string;
  investigationId: string;
  urn: string;
  restricted: boolean;
  personName: string | null;
  at: string;
  details: Record<string, unknown>;
  recordedByName: string | null;
  supervisorId: string;
  drawnAt: string;
  outcome: DipOutcome | null;
  notes: string | null;
  reviewedAt: string | null;
}

export interface DipSampleCounts {
  drawn: number;
  reviewed: number;
  meetsStandard: number;
  doesNotMeet: number;
}

export class DipSamplesRepository {
  constructor(private readonly db: Db) {}

  /**
   * Draws up to `size` contacts recorded at [fromInstant, toInstant) on the team's investigations, not
   * sampled before, uniformly at random, into `supervisorId`'s queue. Returns how many were drawn.
   */
  async draw(input: {
    teamId: string;
    fromInstant: string;
    toInstant: string;
    size: number;
    supervisorId: string;
    drawnAt: string;
  }): Promise<number> {
    const picked = await this.db
      .selectFrom('events as e')
      .innerJoin('investigations as i', 'i.id', 'e.investigationId')
      .select('e.id')
      .where('i.teamId', '=', input.teamId)
      .where('e.type', '=', 'contact')
      .where('e.at', '>=', input.fromInstant)
      .where('e.at', '<', input.toInstant)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('dipSamples as d').select('d.id').whereRef('d.eventId', '=', 'e.id'))),
      )
      .orderBy(sql`random()`)
      .limit(input.size)
      .execute();
    if (picked.length === 0) return 0;
    const r = await this.db
      .insertInto('dipSamples')
      .values(
        picked.map((p) => ({ eventId: p.id, supervisorId: input.supervisorId, drawnAt: input.drawnAt })),
      )
      .onConflict((oc) => oc.column('eventId').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? picked.length);
  }

  private base(filter: { teamId?: string | undefined; reviewed?: boolean | undefined }) {
    let q = this.db
      .selectFrom('dipSamples as d')
      .innerJoin('events as e', 'e.id', 'd.eventId')
      .innerJoin('investigations as i', 'i.id', 'e.investigationId');
    if (filter.teamId) q = q.where('i.teamId', '=', filter.teamId);
    if (filter.reviewed === true) q = q.where('d.reviewedAt', 'is not', null);
    if (filter.reviewed === false) q = q.where('d.reviewedAt', 'is', null);
    return q;
  }

  async list(
    filter: Page & { teamId?: string | undefined; reviewed?: boolean | undefined },
  ): Promise<{ items: DipSampleItem[]; total: number }> {
    const { limit, offset } = pageOf(filter, 25, 200);
    const [items, count] = await Promise.all([
      this.base(filter)
        .leftJoin('people as p', 'p.id', 'e.personId')
        .leftJoin('users as u', 'u.id', 'e.recordedBy')
        .select([
          'd.id',
          'd.eventId',
          'e.investigationId',
          'i.urn',
          'i.restricted',
          'p.name as personName',
          'e.at',
          'e.details',
          'u.displayName as recordedByName',
          'd.supervisorId',
          'd.drawnAt',
          sql<DipOutcome | null>`d.outcome`.as('outcome'),
          'd.notes',
          'd.reviewedAt',
        ])
        .orderBy('d.drawnAt', 'desc')
        .orderBy('d.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.base(filter)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: items.map((i) => ({ ...i, id: Number(i.id) })), total: Number(count.n) };
  }

  async get(id: number): Promise<
    | {
        id: number;
        eventId: string;
        investigationId: string;
        teamId: string | null;
        reviewedAt: string | null;
      }
    | undefined
  > {
    const row = await this.db
      .selectFrom('dipSamples as d')
      .innerJoin('events as e', 'e.id', 'd.eventId')
      .innerJoin('investigations as i', 'i.id', 'e.investigationId')
      .select(['d.id', 'd.eventId', 'e.investigationId', 'i.teamId', 'd.reviewedAt'])
      .where('d.id', '=', id)
      .executeTakeFirst();
    return row ? { ...row, id: Number(row.id) } : undefined;
  }

  async review(id: number, outcome: DipOutcome, notes: string | null, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('dipSamples')
      .set({ outcome, notes, reviewedAt: at })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Reviews of contacts made in [fromInstant, toInstant), optionally of one team: for the dashboard. */
  async counts(filter: {
    fromInstant: string;
    toInstant: string;
    teamId?: string | undefined;
  }): Promise<DipSampleCounts> {
    const r = await this.base({ teamId: filter.teamId })
      .where('e.at', '>=', filter.fromInstant)
      .where('e.at', '<', filter.toInstant)
      .select([
        sql<number>`count(*)`.as('drawn'),
        sql<number>`count(*) filter (where d.reviewed_at is not null)`.as('reviewed'),
        sql<number>`count(*) filter (where d.outcome = 'meets-standard')`.as('meets'),
        sql<number>`count(*) filter (where d.outcome = 'does-not-meet-standard')`.as('doesNot'),
      ])
      .executeTakeFirstOrThrow();
    return {
      drawn: Number(r.drawn),
      reviewed: Number(r.reviewed),
      meetsStandard: Number(r.meets),
      doesNotMeet: Number(r.doesNot),
    };
  }
}
