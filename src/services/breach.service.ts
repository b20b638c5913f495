/**
 * The breach register and supervisors' dip sampling.
 *
 * A missed deadline is a breach without anyone creating it: the register lists every obligation in the
 * derived ledger that was met late or is overdue. People add what the ledger cannot know — why it was
 * missed and what was done about it — and a supervisor signs it off. Supervisors also draw a random sample
 * of their team's contacts each period and record whether each meets the standard (FAILINGS: "no
 * evidence of the quality of the support"); the dashboard reports the outcomes.
 */
import { can, type Action, type Actor } from '../auth/access.policy.js';
import { addCalendarDays, londonDateOfMs, toInstant } from '../domain/calendar/london-time.js';
import type { Db } from '../store/database.js';
import type { Breach } from '../store/database.types.js';
import type { BreachItem, BreachState } from '../store/breaches.repository.js';
import type { DipOutcome, DipSampleItem } from '../store/dip-samples.repository.js';
import { createRepositories, type Repositories } from '../store/repositories.js';
import { auditUserId } from './actor.js';
import type { Clock } from './clock.js';
import { londonMidnight, resolvePeriod, type Period, type PeriodRequest } from './compliance.service.js';
import { NotFound, ValidationFailed } from './service-errors.js';
import { refuse } from './refusal.js';

export interface BreachListRequest {
  teamId?: string | undefined;
  ownerUserId?: string | undefined;
  state?: BreachState | undefined;
  investigationId?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface BreachRegister {
  period: Period;
  teamId: string | null;
  items: BreachItem[];
  total: number;
  counts: Record<BreachState, number>;
  limit: number;
  offset: number;
  canSignOff: boolean;
}

export interface BreachRecordInput {
  reason: string;
  remedialAction: string;
}

export interface DipDrawInput {
  /** Contacts made in this period are sampled. */
  period: PeriodRequest;
  size: number;
  teamId?: string | undefined;
}

export interface DipReviewInput {
  outcome: DipOutcome;
  notes?: string | null | undefined;
}

/** Fewer words than this is not a reason (the same standard the SOP sets for contact summaries). */
const MIN_REASON_CHARS = 15;

export class BreachService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return londonDateOfMs(this.clock.now().getTime());
  }

  private async refuse(
    actor: Actor,
    action: Action | string,
    recordType: string,
    recordId: string | null,
    investigationId: string | null,
    message: string,
  ): Promise<never> {
    return refuse(this.db, this.clock, actor, { action, recordType, recordId, investigationId }, message);
  }

  /** Who sees which part of the register: compliance and admin any team, supervisors their team, officers their own. */
  private async scope(
    actor: Actor,
    req: { teamId?: string | undefined; ownerUserId?: string | undefined },
  ): Promise<{ teamId: string | undefined; ownerUserId: string | undefined }> {
    if (can(actor, 'report:read')) {
      if (actor.role === 'supervisor') {
        if (!actor.teamId) {
          return this.refuse(actor, 'report:read', 'breach-register', null, null, 'You are not in a team');
        }
        if (req.teamId && req.teamId !== actor.teamId) {
          return this.refuse(
            actor,
            'report:read',
            'breach-register',
            null,
            null,
            'You can only see your own team',
          );
        }
        return { teamId: actor.teamId, ownerUserId: req.ownerUserId };
      }
      return { teamId: req.teamId, ownerUserId: req.ownerUserId };
    }
    if (can(actor, 'worklist:own')) return { teamId: undefined, ownerUserId: actor.id };
    return this.refuse(
      actor,
      'report:read',
      'breach-register',
      null,
      null,
      'The breach register is not available to your role',
    );
  }

  async register(
    actor: Actor,
    periodReq: PeriodRequest,
    req: BreachListRequest = {},
  ): Promise<BreachRegister> {
    const period = resolvePeriod(periodReq, this.today());
    const scope = await this.scope(actor, req);
    const repos = createRepositories(this.db);
    const limit = Math.min(Math.max(req.limit ?? 50, 1), 200);
    const offset = Math.max(req.offset ?? 0, 0);
    const result = await repos.breaches.list({
      from: period.from,
      to: period.to,
      today: this.today(),
      ...scope,
      state: req.state,
      investigationId: req.investigationId,
      limit,
      offset,
    });
    const items = await this.mask(actor, repos, result.items);
    await repos.audit.append({
      at: this.clock.now().toISOString(),
      userId: auditUserId(actor),
      action: 'read',
      recordType: 'breach-register',
      recordId: period.key,
      detail: {
        ...scope,
        state: req.state ?? null,
        investigations: [...new Set(items.map((i) => i.investigationId))],
      },
    });
    return {
      period,
      teamId: scope.teamId ?? null,
      items,
      total: result.total,
      counts: result.counts,
      limit,
      offset,
      canSignOff: can(actor, 'breach:sign-off'),
    };
  }

  /** One breach of the register (by its obligation's id), as the register shows it; audited. */
  async get(actor: Actor, obligationId: number): Promise<{ item: BreachItem; canSignOff: boolean }> {
    const scope = await this.scope(actor, {});
    const repos = createRepositories(this.db);
    const result = await repos.breaches.list({
      from: '0001-01-01',
      to: '9999-12-31',
      today: this.today(),
      ...scope,
      obligationId,
      limit: 1,
    });
    const [item] = await this.mask(actor, repos, result.items);
    if (!item) throw new NotFound('The breach');
    await repos.audit.append({
      at: this.clock.now().toISOString(),
      userId: auditUserId(actor),
      action: 'read',
      recordType: 'breach',
      recordId: String(obligationId),
      investigationId: item.investigationId,
    });
    return { item, canSignOff: can(actor, 'breach:sign-off') };
  }

  private async mask(actor: Actor, repos: Repositories, items: BreachItem[]): Promise<BreachItem[]> {
    if (actor.role === 'admin') return items;
    const visible = new Map<string, boolean>();
    for (const i of items) {
      if (i.restricted && !visible.has(i.investigationId)) {
        visible.set(i.investigationId, await repos.investigations.isVisibleTo(i.investigationId, actor.id));
      }
    }
    return items.map((i) =>
      i.restricted && !visible.get(i.investigationId)
        ? { ...i, urn: 'Restricted', personName: null, reason: null, remedialAction: null }
        : i,
    );
  }

  /** Loads the obligation behind a breach, checks it is one, and that the actor may act on its investigation. */
  private async breachOf(
    actor: Actor,
    obligationId: number,
    action: 'investigation:record' | 'breach:sign-off',
  ) {
    const repos = createRepositories(this.db);
    const o = await repos.breaches.getObligation(obligationId);
    if (!o) throw new NotFound('The obligation');
    const inv = (await repos.investigations.getById(o.investigationId))!;
    const named = inv.restricted ? (await repos.investigations.listAccess(inv.id)).map((a) => a.userId) : [];
    if (inv.officerInChargeId) named.push(inv.officerInChargeId);
    const access = { restricted: inv.restricted, namedUserIds: named };
    const teamOk =
      actor.role === 'admin' ||
      (actor.role === 'officer' ? inv.officerInChargeId === actor.id : inv.teamId === actor.teamId);
    if (!can(actor, action, access) || !teamOk) {
      return this.refuse(
        actor,
        action,
        'breach',
        String(obligationId),
        inv.id,
        action === 'breach:sign-off'
          ? 'Only a supervisor of the team can sign off this breach'
          : 'You cannot record a reason for this breach',
      );
    }
    const today = this.today();
    const isBreach =
      o.status === 'met-late' || ((o.status === 'due' || o.status === 'overdue') && o.dueDate < today);
    if (!isBreach) {
      throw new ValidationFailed([
        {
          field: 'obligation',
          message: 'This obligation is not a breach: it was met on time, is not yet due or was not required',
        },
      ]);
    }
    return o;
  }

  /** Records (or revises) why the deadline was missed and the remedial action; a revision needs a new sign-off. */
  async record(actor: Actor, obligationId: number, input: BreachRecordInput): Promise<Breach> {
    const o = await this.breachOf(actor, obligationId, 'investigation:record');
    const problems = [];
    if (input.reason.trim().length < MIN_REASON_CHARS) {
      problems.push({ field: 'reason', message: 'Enter why the deadline was missed, in a sentence' });
    }
    if (input.remedialAction.trim().length < MIN_REASON_CHARS) {
      problems.push({
        field: 'remedialAction',
        message: 'Enter what has been done to put it right, in a sentence',
      });
    }
    if (problems.length > 0) throw new ValidationFailed(problems, 'The breach was not updated');
    const now = this.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const repos = createRepositories(trx);
      const breach = await repos.breaches.record(o, {
        reason: input.reason.trim(),
        remedialAction: input.remedialAction.trim(),
        createdBy: auditUserId(actor),
        at: now,
      });
      await repos.audit.append({
        at: now,
        userId: auditUserId(actor),
        action: 'update',
        recordType: 'breach',
        recordId: String(breach.id),
        investigationId: o.investigationId,
        detail: { rule: o.rule, dueDate: o.dueDate, person: o.personId },
      });
      return breach;
    });
  }

  async signOff(actor: Actor, obligationId: number): Promise<Breach> {
    const o = await this.breachOf(actor, obligationId, 'breach:sign-off');
    const now = this.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const repos = createRepositories(trx);
      const existing = await repos.breaches.findByIdentity(o);
      if (!existing) {
        throw new ValidationFailed([
          { field: 'reason', message: 'Record the reason and remedial action before signing off' },
        ]);
      }
      if (existing.signedOffAt) {
        throw new ValidationFailed([{ field: 'obligation', message: 'This breach is already signed off' }]);
      }
      const signed = (await repos.breaches.signOff(existing.id, actor.id, now))!;
      await repos.audit.append({
        at: now,
        userId: auditUserId(actor),
        action: 'update',
        recordType: 'breach',
        recordId: String(signed.id),
        investigationId: o.investigationId,
        detail: { signedOff: true },
      });
      return signed;
    });
  }

  // ---- dip sampling --------------------------------------------------------------------------------------

  private async supervisorTeam(actor: Actor, teamId: string | undefined): Promise<string> {
    if (!can(actor, 'investigation:supervise')) {
      return this.refuse(
        actor,
        'investigation:supervise',
        'dip-sample',
        null,
        null,
        'Dip sampling is for supervisors',
      );
    }
    const team = actor.role === 'admin' ? (teamId ?? actor.teamId) : actor.teamId;
    if (!team) throw new ValidationFailed([{ field: 'teamId', message: 'Choose a team' }]);
    if (actor.role !== 'admin' && teamId && teamId !== actor.teamId) {
      return this.refuse(
        actor,
        'investigation:supervise',
        'dip-sample',
        null,
        null,
        'You can only sample your own team',
      );
    }
    return team;
  }

  /** Draws a random sample of the team's contacts made in the period into the supervisor's queue. */
  async drawSample(actor: Actor, input: DipDrawInput): Promise<{ drawn: number; period: Period }> {
    const teamId = await this.supervisorTeam(actor, input.teamId);
    if (!Number.isInteger(input.size) || input.size < 1 || input.size > 50) {
      throw new ValidationFailed([{ field: 'size', message: 'Enter a sample size from 1 to 50' }]);
    }
    const period = resolvePeriod(input.period, this.today());
    const now = this.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const repos = createRepositories(trx);
      const drawn = await repos.dipSamples.draw({
        teamId,
        fromInstant: toInstant(londonMidnight(period.from)),
        toInstant: toInstant(londonMidnight(addCalendarDays(period.to, 1))),
        size: input.size,
        supervisorId: actor.id,
        drawnAt: now,
      });
      await repos.audit.append({
        at: now,
        userId: auditUserId(actor),
        action: 'create',
        recordType: 'dip-sample',
        recordId: period.key,
        detail: { teamId, size: input.size, drawn },
      });
      return { drawn, period };
    });
  }

  /** The team's samples: waiting for review first, then reviewed. Reading them is reading contacts: audited. */
  async queue(
    actor: Actor,
    req: {
      teamId?: string | undefined;
      reviewed?: boolean | undefined;
      limit?: number | undefined;
      offset?: number | undefined;
    } = {},
  ): Promise<{ items: DipSampleItem[]; total: number; teamId: string }> {
    const teamId = await this.supervisorTeam(actor, req.teamId);
    const repos = createRepositories(this.db);
    const result = await repos.dipSamples.list({
      teamId,
      reviewed: req.reviewed,
      limit: req.limit,
      offset: req.offset,
    });
    const visible = new Map<string, boolean>();
    for (const i of result.items) {
      if (i.restricted && actor.role !== 'admin' && !visible.has(i.investigationId)) {
        visible.set(i.investigationId, await repos.investigations.isVisibleTo(i.investigationId, actor.id));
      }
    }
    const items = result.items.map((i) =>
      i.restricted && actor.role !== 'admin' && !visible.get(i.investigationId)
        ? { ...i, urn: 'Restricted', personName: null, details: {} }
        : i,
    );
    await repos.audit.append({
      at: this.clock.now().toISOString(),
      userId: auditUserId(actor),
      action: 'read',
      recordType: 'dip-sample',
      detail: { teamId, events: items.map((i) => i.eventId) },
    });
    return { ...result, items, teamId };
  }

  async review(actor: Actor, sampleId: number, input: DipReviewInput): Promise<void> {
    const repos0 = createRepositories(this.db);
    const sample = await repos0.dipSamples.get(sampleId);
    if (!sample) throw new NotFound('The sample');
    await this.supervisorTeam(actor, sample.teamId ?? undefined);
    if (actor.role !== 'admin' && sample.teamId !== actor.teamId) {
      await this.refuse(
        actor,
        'investigation:supervise',
        'dip-sample',
        String(sampleId),
        sample.investigationId,
        'You can only review your own team',
      );
    }
    const notes = input.notes?.trim() ?? '';
    const problems = [];
    if (input.outcome !== 'meets-standard' && input.outcome !== 'does-not-meet-standard') {
      problems.push({ field: 'outcome', message: 'Choose whether the contact meets the standard' });
    }
    if (input.outcome === 'does-not-meet-standard' && notes.length < MIN_REASON_CHARS) {
      problems.push({ field: 'notes', message: 'Say what falls short of the standard' });
    }
    if (problems.length > 0) throw new ValidationFailed(problems, 'The review was not saved');
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const repos = createRepositories(trx);
      await repos.dipSamples.review(sampleId, input.outcome, notes === '' ? null : notes, now);
      await repos.audit.append({
        at: now,
        userId: auditUserId(actor),
        action: 'update',
        recordType: 'dip-sample',
        recordId: String(sampleId),
        investigationId: sample.investigationId,
        detail: { outcome: input.outcome },
      });
    });
  }
}
