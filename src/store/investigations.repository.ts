import { sql, type ExpressionBuilder } from 'kysely';
import type { Offence } from '../domain/case-history/case-history.types.js';
import type { Db } from './database.js';
import type { Database, Investigation, InvestigationFlags, InvestigationStatus } from './database.types.js';
import { escapeLike, json, namePrefixTsQuery, pageOf, type Page } from './sql-helpers.js';

export interface NewInvestigation {
  urn: string;
  reportedAt: string;
  offenceDate?: string | null;
  offences: Offence[];
  flags: InvestigationFlags;
  anticipatedPlea?: 'guilty' | 'not-guilty' | null;
  status?: InvestigationStatus;
  officerInChargeId?: string | null;
  teamId?: string | null;
  restricted?: boolean;
}

export type InvestigationPatch = Partial<Omit<NewInvestigation, 'urn'>>;

export interface InvestigationSearch extends Page {
  /** URN prefix, or words of a person's name ("smi" finds "Alex Smith"). */
  query?: string;
  teamId?: string;
  officerInChargeId?: string;
  status?: InvestigationStatus;
  /**
   * Row-level filter for restricted investigations: when given, a restricted investigation is listed only
   * if this user is its OIC or has a named access row. Omit it for roles the policy lets see everything.
   */
  restrictedVisibleTo?: string;
}

export interface InvestigationSummary {
  id: string;
  urn: string;
  reportedAt: string;
  status: InvestigationStatus;
  restricted: boolean;
  officerInChargeId: string | null;
  officerInChargeName: string | null;
  teamId: string | null;
  /** Names of the people on the investigation, victims first. */
  names: string[];
}

export interface AccessEntry {
  userId: string;
  username: string;
  displayName: string;
  grantedBy: string | null;
  grantedAt: string;
}

export class InvestigationsRepository {
  constructor(private readonly db: Db) {}

  create(input: NewInvestigation): Promise<Investigation> {
    return this.db
      .insertInto('investigations')
      .values({
        urn: input.urn,
        reportedAt: input.reportedAt,
        offenceDate: input.offenceDate ?? null,
        offences: json(input.offences),
        flags: json(input.flags),
        anticipatedPlea: input.anticipatedPlea ?? null,
        status: input.status ?? 'open',
        officerInChargeId: input.officerInChargeId ?? null,
        teamId: input.teamId ?? null,
        restricted: input.restricted ?? false,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  getById(id: string): Promise<Investigation | undefined> {
    return this.db.selectFrom('investigations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getByUrn(urn: string): Promise<Investigation | undefined> {
    return this.db.selectFrom('investigations').selectAll().where('urn', '=', urn).executeTakeFirst();
  }

  /** Locks the row for the rest of the transaction (`select … for update`). */
  lockById(id: string): Promise<Investigation | undefined> {
    return this.db
      .selectFrom('investigations')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  /**
   * Optimistic concurrency: applies the patch and bumps `version` only when the stored version is
   * `expectedVersion`. Undefined means a conflict (or no such investigation).
   */
  update(
    id: string,
    expectedVersion: number,
    patch: InvestigationPatch,
    now?: string,
  ): Promise<Investigation | undefined> {
    const { offences, flags, ...rest } = patch;
    return this.db
      .updateTable('investigations')
      .set((eb) => ({
        ...rest,
        ...(offences ? { offences: json(offences) } : {}),
        ...(flags ? { flags: json(flags) } : {}),
        version: eb('version', '+', 1),
        updatedAt: now ?? sql<string>`now()`,
      }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
  }

  /** Records the status derived from the investigation's events (see services/derivation.ts). */
  /** After a derivation: the status its events put it in and the calendar version it was derived with. */
  async setDerived(id: string, status: InvestigationStatus, calendarVersion: number): Promise<void> {
    await this.db
      .updateTable('investigations')
      .set({ status, derivedCalendarVersion: calendarVersion })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('status', '!=', status), eb('derivedCalendarVersion', '!=', calendarVersion)]))
      .execute();
  }

  /** Bumps the version when facts under the investigation change; false on a version conflict. */
  async bumpVersion(id: string, expectedVersion: number, now?: string): Promise<boolean> {
    const r = await this.db
      .updateTable('investigations')
      .set((eb) => ({ version: eb('version', '+', 1), updatedAt: now ?? sql<string>`now()` }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return r.numUpdatedRows === 1n;
  }

  async search(filter: InvestigationSearch = {}): Promise<{ items: InvestigationSummary[]; total: number }> {
    const { limit, offset } = pageOf(filter);
    let base = this.db.selectFrom('investigations as i');
    if (filter.teamId) base = base.where('i.teamId', '=', filter.teamId);
    if (filter.officerInChargeId) base = base.where('i.officerInChargeId', '=', filter.officerInChargeId);
    if (filter.status) base = base.where('i.status', '=', filter.status);
    const query = filter.query?.trim();
    if (query) {
      const tsq = namePrefixTsQuery(query);
      base = base.where('i.id', 'in', (eb) => {
        const byUrn = eb
          .selectFrom('investigations as u')
          .select('u.id')
          .where('u.urn', 'like', `${escapeLike(query)}%`);
        return tsq
          ? byUrn.union(
              eb
                .selectFrom('people as p')
                .select('p.investigationId as id')
                .where(
                  sql<boolean>`to_tsvector('simple', translate(coalesce(p.name, ''), '''’', '')) @@ to_tsquery('simple', ${tsq})`,
                ),
            )
          : byUrn;
      });
    }
    if (filter.restrictedVisibleTo) {
      const userId = filter.restrictedVisibleTo;
      base = base.where((eb) => visibleTo(eb, userId));
    }
    const [items, count] = await Promise.all([
      base
        .leftJoin('users as o', 'o.id', 'i.officerInChargeId')
        .select([
          'i.id',
          'i.urn',
          'i.reportedAt',
          'i.status',
          'i.restricted',
          'i.officerInChargeId',
          'o.displayName as officerInChargeName',
          'i.teamId',
        ])
        .select((eb) =>
          eb
            .selectFrom('people as n')
            .select(
              sql<
                string[]
              >`coalesce(array_agg(n.name order by n.role, n.ref) filter (where n.name is not null), '{}')`.as(
                'names',
              ),
            )
            .whereRef('n.investigationId', '=', 'i.id')
            .as('names'),
        )
        .orderBy('i.reportedAt', 'desc')
        .orderBy('i.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: items.map((r) => ({ ...r, names: r.names ?? [] })),
      total: Number(count.n),
    };
  }

  async grantAccess(investigationId: string, userId: string, grantedBy: string | null = null): Promise<void> {
    await this.db
      .insertInto('investigationAccess')
      .values({ investigationId, userId, grantedBy })
      .onConflict((oc) => oc.columns(['investigationId', 'userId']).doNothing())
      .execute();
  }

  async revokeAccess(investigationId: string, userId: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('investigationAccess')
      .where('investigationId', '=', investigationId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    return r.numDeletedRows > 0n;
  }

  listAccess(investigationId: string): Promise<AccessEntry[]> {
    return this.db
      .selectFrom('investigationAccess as a')
      .innerJoin('users as u', 'u.id', 'a.userId')
      .select(['a.userId', 'u.username', 'u.displayName', 'a.grantedBy', 'a.grantedAt'])
      .where('a.investigationId', '=', investigationId)
      .orderBy('u.displayName')
      .execute();
  }

  /** True when the investigation is unrestricted, or the user is its OIC or named on it. */
  async isVisibleTo(investigationId: string, userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('investigations as i')
      .select('i.id')
      .where('i.id', '=', investigationId)
      .where((eb) => visibleTo(eb, userId))
      .executeTakeFirst();
    return row !== undefined;
  }
}

function visibleTo(eb: ExpressionBuilder<Database & { i: Database['investigations'] }, 'i'>, userId: string) {
  return eb.or([
    eb('i.restricted', '=', false),
    eb('i.officerInChargeId', '=', userId),
    eb.exists(
      eb
        .selectFrom('investigationAccess as ia')
        .select('ia.userId')
        .whereRef('ia.investigationId', '=', 'i.id')
        .where('ia.userId', '=', userId),
    ),
  ]);
}
