/**
 * The breach register. A breach is not created by hand: every obligation in the derived ledger that was
 * met late, or is still open past its due date, is one. What people add — the reason, the remedial action
 * and a supervisor's sign-off — is stored in `breaches`, keyed by the obligation's identity (investigation,
 * person, rule, trigger event, due date), which survives re-derivation where obligation ids do not.
 */
import { sql } from 'kysely';
import type { Db } from './database.js';
import type { Breach, ObligationRow } from './database.types.js';
import { pageOf, type Page } from './sql-helpers.js';

export type BreachState = 'needs-reason' | 'awaiting-sign-off' | 'signed-off';
export const BREACH_STATES: readonly BreachState[] = ['needs-reason', 'awaiting-sign-off', 'signed-off'];

export interface BreachFilter extends Page {
  /** Due dates in [from, to], London dates. */
  from: string;
  to: string;
  today: string;
  teamId?: string | undefined;
  ownerUserId?: string | undefined;
  state?: BreachState | undefined;
  investigationId?: string | undefined;
  obligationId?: number | undefined;
}

export interface BreachItem {
  obligationId: number;
  investigationId: string;
  urn: string;
  restricted: boolean;
  personId: string | null;
  personName: string | null;
  rule: string;
  title: string;
  source: string;
  dueDate: string;
  /** `met-late` or `overdue`. */
  kind: 'met-late' | 'overdue';
  metAt: string | null;
  officerName: string | null;
  teamId: string | null;
  breachId: number | null;
  reason: string | null;
  remedialAction: string | null;
  signedOffBy: string | null;
  signedOffByName: string | null;
  signedOffAt: string | null;
  state: BreachState;
}

export type ObligationIdentity = Pick<
  ObligationRow,
  'investigationId' | 'personId' | 'rule' | 'triggerEventId' | 'dueDate'
>;

export class BreachesRepository {
  constructor(private readonly db: Db) {}

  private base(filter: BreachFilter) {
    let q = this.db
      .selectFrom('obligations as o')
      .innerJoin('investigations as i', 'i.id', 'o.investigationId')
      .leftJoin('breaches as b', (j) =>
        j
          .onRef('b.investigationId', '=', 'o.investigationId')
          .onRef('b.rule', '=', 'o.rule')
          .onRef('b.dueDate', '=', 'o.dueDate')
          .on(sql<boolean>`b.person_id is not distinct from o.person_id`)
          .on(sql<boolean>`b.trigger_event_id is not distinct from o.trigger_event_id`),
      )
      .where('o.dueDate', '>=', filter.from)
      .where('o.dueDate', '<=', filter.to)
      .where(
        sql<boolean>`(o.status = 'met-late' or (o.status in ('due', 'overdue') and o.due_date < ${filter.today}))`,
      );
    if (filter.teamId) q = q.where('o.teamId', '=', filter.teamId);
    if (filter.ownerUserId) q = q.where('o.ownerUserId', '=', filter.ownerUserId);
    if (filter.investigationId) q = q.where('o.investigationId', '=', filter.investigationId);
    if (filter.obligationId !== undefined) q = q.where('o.id', '=', filter.obligationId);
    if (filter.state === 'needs-reason') q = q.where('b.id', 'is', null);
    if (filter.state === 'awaiting-sign-off') {
      q = q.where('b.id', 'is not', null).where('b.signedOffAt', 'is', null);
    }
    if (filter.state === 'signed-off') q = q.where('b.signedOffAt', 'is not', null);
    return q;
  }

  async list(
    filter: BreachFilter,
  ): Promise<{ items: BreachItem[]; total: number; counts: Record<BreachState, number> }> {
    const { limit, offset } = pageOf(filter, 50, 200);
    const [items, counts] = await Promise.all([
      this.base(filter)
        .leftJoin('people as p', 'p.id', 'o.personId')
        .leftJoin('users as u', 'u.id', 'o.ownerUserId')
        .leftJoin('users as s', 's.id', 'b.signedOffBy')
        .select([
          'o.id as obligationId',
          'o.investigationId',
          'i.urn',
          'i.restricted',
          'o.personId',
          'p.name as personName',
          'o.rule',
          'o.title',
          'o.source',
          'o.dueDate',
          sql<'met-late' | 'overdue'>`case when o.status = 'met-late' then 'met-late' else 'overdue' end`.as(
            'kind',
          ),
          'o.metAt',
          'u.displayName as officerName',
          'o.teamId',
          'b.id as breachId',
          'b.reason',
          'b.remedialAction',
          'b.signedOffBy',
          's.displayName as signedOffByName',
          'b.signedOffAt',
          sql<BreachState>`case when b.id is null then 'needs-reason' when b.signed_off_at is null then 'awaiting-sign-off' else 'signed-off' end`.as(
            'state',
          ),
        ])
        .orderBy('o.dueDate', 'desc')
        .orderBy('i.urn')
        .orderBy('o.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.base({ ...filter, state: undefined })
        .select([
          sql<number>`count(*) filter (where b.id is null)`.as('needsReason'),
          sql<number>`count(*) filter (where b.id is not null and b.signed_off_at is null)`.as('awaiting'),
          sql<number>`count(*) filter (where b.signed_off_at is not null)`.as('signedOff'),
        ])
        .executeTakeFirstOrThrow(),
    ]);
    const c: Record<BreachState, number> = {
      'needs-reason': Number(counts.needsReason),
      'awaiting-sign-off': Number(counts.awaiting),
      'signed-off': Number(counts.signedOff),
    };
    const total = filter.state
      ? c[filter.state]
      : c['needs-reason'] + c['awaiting-sign-off'] + c['signed-off'];
    return {
      items: items.map((i) => ({
        ...i,
        obligationId: Number(i.obligationId),
        breachId: i.breachId === null ? null : Number(i.breachId),
      })),
      total,
      counts: c,
    };
  }

  getObligation(id: number): Promise<ObligationRow | undefined> {
    return this.db.selectFrom('obligations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByIdentity(o: ObligationIdentity): Promise<Breach | undefined> {
    return this.db
      .selectFrom('breaches')
      .selectAll()
      .where('investigationId', '=', o.investigationId)
      .where('rule', '=', o.rule)
      .where('dueDate', '=', o.dueDate)
      .where(sql<boolean>`person_id is not distinct from ${o.personId}`)
      .where(sql<boolean>`trigger_event_id is not distinct from ${o.triggerEventId}`)
      .executeTakeFirst();
  }

  /** Records (or revises) the reason and remedial action; a revision clears an earlier sign-off. */
  async record(
    o: ObligationIdentity,
    fields: { reason: string; remedialAction: string; createdBy: string | null; at: string },
  ): Promise<Breach> {
    const existing = await this.findByIdentity(o);
    if (existing) {
      return this.db
        .updateTable('breaches')
        .set({
          reason: fields.reason,
          remedialAction: fields.remedialAction,
          signedOffBy: null,
          signedOffAt: null,
        })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    return this.db
      .insertInto('breaches')
      .values({
        investigationId: o.investigationId,
        personId: o.personId,
        rule: o.rule,
        triggerEventId: o.triggerEventId,
        dueDate: o.dueDate,
        reason: fields.reason,
        remedialAction: fields.remedialAction,
        createdBy: fields.createdBy,
        createdAt: fields.at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  signOff(breachId: number, userId: string, at: string): Promise<Breach | undefined> {
    return this.db
      .updateTable('breaches')
      .set({ signedOffBy: userId, signedOffAt: at })
      .where('id', '=', breachId)
      .where('signedOffAt', 'is', null)
      .returningAll()
      .executeTakeFirst();
  }
}
