/**
 * Worklists: what each officer owes today (overdue, due today, due this week, upcoming), a supervisor's
 * team with a per-officer breakdown, and the IMU and VWCU queues. "Today" is London's date by the
 * injected clock. Restricted investigations the actor may not see are masked, never listed by name.
 */
import { can, type Action, type Actor } from '../auth/access.policy.js';
import { londonDateOfMs } from '../domain/calendar/london-time.js';
import type { Db } from '../store/database.js';
import type {
  OfficerCounts,
  Worklist,
  WorklistBucket,
  WorklistSort,
} from '../store/obligations.repository.js';
import { createRepositories } from '../store/repositories.js';
import { auditUserId } from './actor.js';
import type { Clock } from './clock.js';

import { refuse } from './refusal.js';

export interface WorklistRequest {
  bucket?: WorklistBucket | undefined;
  sort?: WorklistSort | undefined;
  direction?: 'asc' | 'desc' | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  teamId?: string | undefined;
}

export class WorklistService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return londonDateOfMs(this.clock.now().getTime());
  }

  private async require(actor: Actor, action: Action): Promise<void> {
    if (can(actor, action)) return;
    await refuse(
      this.db,
      this.clock,
      actor,
      { action, recordType: 'worklist' },
      'This worklist is not available to your role',
    );
  }

  private query(req: WorklistRequest) {
    return {
      today: this.today(),
      ...(req.bucket ? { bucket: req.bucket } : {}),
      ...(req.sort ? { sort: req.sort } : {}),
      ...(req.direction ? { direction: req.direction } : {}),
      ...(req.limit !== undefined ? { limit: req.limit } : {}),
      ...(req.offset !== undefined ? { offset: req.offset } : {}),
    };
  }

  /** A worklist shows people's names: the view is audited, one row listing the people shown. */
  private async viewed(actor: Actor, which: string, list: Worklist): Promise<Worklist> {
    const people = [
      ...new Set(list.items.map((i) => i.personId).filter((p): p is string => p !== null && p !== undefined)),
    ];
    if (people.length > 0) {
      await createRepositories(this.db).audit.append({
        userId: auditUserId(actor),
        action: 'read',
        recordType: 'worklist',
        recordId: which,
        detail: { people },
      });
    }
    return list;
  }

  /** Hides names on restricted investigations the actor is not named on. */
  private async mask(actor: Actor, list: Worklist): Promise<Worklist> {
    if (actor.role === 'admin' || !list.items.some((i) => i.restricted)) return list;
    const repos = createRepositories(this.db);
    const visible = new Map<string, boolean>();
    for (const item of list.items) {
      if (item.restricted && !visible.has(item.investigationId)) {
        visible.set(
          item.investigationId,
          await repos.investigations.isVisibleTo(item.investigationId, actor.id),
        );
      }
    }
    return {
      ...list,
      items: list.items.map((i) =>
        i.restricted && !visible.get(i.investigationId) ? { ...i, personName: null, urn: 'Restricted' } : i,
      ),
    };
  }

  async mine(actor: Actor, req: WorklistRequest = {}): Promise<Worklist> {
    await this.require(actor, 'worklist:own');
    return this.viewed(
      actor,
      'mine',
      await this.mask(
        actor,
        await createRepositories(this.db).obligations.worklistForUser(actor.id, this.query(req)),
      ),
    );
  }

  async team(actor: Actor, req: WorklistRequest = {}): Promise<Worklist & { officers: OfficerCounts[] }> {
    await this.require(actor, 'worklist:team');
    const teamId = req.teamId ?? actor.teamId;
    if (!teamId || (teamId !== actor.teamId && actor.role !== 'admin')) {
      return refuse(
        this.db,
        this.clock,
        actor,
        { action: 'worklist:team', recordType: 'worklist', recordId: teamId ?? null },
        teamId ? 'You can only see your own team' : 'You are not in a team: choose one',
      );
    }
    const list = await createRepositories(this.db).obligations.worklistForTeam(teamId, this.query(req));
    return { ...(await this.viewed(actor, 'team', await this.mask(actor, list))), officers: list.perOfficer };
  }

  async imu(actor: Actor, req: WorklistRequest = {}): Promise<Worklist> {
    await this.require(actor, 'worklist:imu');
    return this.viewed(
      actor,
      'imu',
      await this.mask(
        actor,
        await createRepositories(this.db).obligations.imuQueue({
          ...this.query(req),
          ...(req.teamId ? { teamId: req.teamId } : {}),
        }),
      ),
    );
  }

  async vwcu(actor: Actor, req: WorklistRequest = {}): Promise<Worklist> {
    await this.require(actor, 'worklist:vwcu');
    return this.viewed(
      actor,
      'vwcu',
      await this.mask(
        actor,
        await createRepositories(this.db).obligations.vwcuQueue({
          ...this.query(req),
          ...(req.teamId ? { teamId: req.teamId } : {}),
        }),
      ),
    );
  }
}
