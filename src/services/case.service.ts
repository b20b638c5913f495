/**
 * Casework: investigations, the people on them, their victim contracts and every recorded event. Each
 * method authorises first, validates against the SOP's entry rules, then in one transaction writes the
 * facts, re-derives obligations and findings, and appends the audit entry.
 */
import { can, type Actor, type InvestigationAccess } from '../auth/access.policy.js';
import { readCaseHistoryDocument } from '../case-history/case-history.schema.js';
import { instantMs } from '../domain/calendar/london-time.js';
import type { CaseEvent, CaseHistory, PersonFacts } from '../domain/case-history/case-history.types.js';
import { evaluateCase } from '../domain/evaluate.js';
import type { Evaluation, PersonEligibility } from '../domain/evaluation.types.js';
import { writtenInitialContactNotPreferred } from '../domain/findings/email-not-preferred.finding.js';
import { summaryProblem } from '../domain/findings/summary-insufficient.finding.js';
import { windowContaining } from '../domain/findings/times-to-avoid.finding.js';
import { assessmentMismatches } from '../domain/obligations/needs-assessment.rule.js';
import { buildCaseContext } from '../domain/case-context.js';
import type { Db, Trx } from '../store/database.js';
import type { EventRow, FindingRow, Investigation, ObligationRow } from '../store/database.types.js';
import type { InvestigationSummary } from '../store/investigations.repository.js';
import type { PersonWithContract } from '../store/people.repository.js';
import { createRepositories, type Repositories } from '../store/repositories.js';
import { auditUserId } from './actor.js';
import type { Clock } from './clock.js';
import { deriveInvestigation, type RulesContext } from './derivation.js';
import {
  NEW_EVENT_ID,
  type ContractInput,
  type InvestigationPatchInput,
  type NewEventInput,
  type NewInvestigationInput,
  type NewPersonInput,
  type PersonPatchInput,
} from './case.schemas.js';
import { Conflict, NotFound, ValidationFailed, type FieldProblem } from './service-errors.js';
import { refuse } from './refusal.js';

/** Events only a supervisor may record. */
const SUPERVISOR_EVENTS: ReadonlySet<string> = new Set(['filing-signed-off']);

/** Events may be recorded up to this far ahead of the server clock (clock skew on force desktops). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface CaseView {
  investigation: Investigation & { officerInChargeName: string | null; teamName: string | null };
  access: { userId: string; displayName: string }[];
  people: (PersonWithContract & { eligibility: PersonEligibility | null })[];
  events: (EventRow & { personRef: string | null })[];
  obligations: (ObligationRow & {
    personRef: string | null;
    triggerRef: string | null;
    metByRef: string | null;
  })[];
  findings: (FindingRow & { personRef: string | null; eventRef: string | null })[];
  evaluation: Evaluation;
  history: CaseHistory;
}

export interface RecordedEvent {
  event: EventRow;
  /** Accepted, but flagged (contact inside times to avoid; written initial contact not preferred). */
  warnings: string[];
}

export class CaseService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly rules: RulesContext,
  ) {}

  // ---- authorisation ---------------------------------------------------------------------------------

  private async accessOf(repos: Repositories, inv: Investigation): Promise<InvestigationAccess> {
    if (!inv.restricted) return { restricted: false, namedUserIds: [] };
    const named = (await repos.investigations.listAccess(inv.id)).map((a) => a.userId);
    if (inv.officerInChargeId) named.push(inv.officerInChargeId);
    return { restricted: true, namedUserIds: named };
  }

  /** Loads an investigation the actor may act on, or audits the refusal and throws. */
  private async authorise(
    actor: Actor,
    action: 'investigation:read' | 'investigation:record' | 'investigation:supervise',
    investigationId: string,
    repos: Repositories,
  ): Promise<Investigation> {
    const inv = await repos.investigations.getById(investigationId);
    if (!inv) throw new NotFound('The investigation');
    if (!can(actor, action, await this.accessOf(repos, inv))) {
      await this.refuse(actor, action, 'investigation', inv.id, inv.id);
    }
    return inv;
  }

  private refuse(
    actor: Actor,
    action: string,
    recordType: string,
    recordId: string | null,
    investigationId: string | null,
  ): Promise<never> {
    return refuse(this.db, this.clock, actor, { action, recordType, recordId, investigationId });
  }

  private async write<T>(fn: (trx: Trx, repos: Repositories, now: Date) => Promise<T>): Promise<T> {
    const now = this.clock.now();
    return this.db.transaction().execute((trx) => fn(trx, createRepositories(trx), now));
  }

  // ---- investigations ----------------------------------------------------------------------------------

  async createInvestigation(actor: Actor, input: NewInvestigationInput): Promise<Investigation> {
    if (!can(actor, 'investigation:create')) {
      return this.refuse(actor, 'investigation:create', 'investigation', null, null);
    }
    const problems: FieldProblem[] = [];
    if (instantMs(input.reportedAt) > this.clock.now().getTime() + FUTURE_TOLERANCE_MS) {
      problems.push({ field: 'reportedAt', message: 'must not be in the future' });
    }
    if (problems.length > 0) throw new ValidationFailed(problems);
    return this.write(async (trx, repos, now) => {
      if (await repos.investigations.getByUrn(input.urn)) {
        throw new ValidationFailed([
          { field: 'urn', message: `an investigation with URN ${input.urn} already exists` },
        ]);
      }
      const inv = await repos.investigations.create({
        urn: input.urn,
        reportedAt: input.reportedAt,
        offenceDate: input.offenceDate ?? null,
        offences: input.offences,
        flags: input.flags,
        anticipatedPlea: input.anticipatedPlea ?? null,
        officerInChargeId: input.officerInChargeId ?? (actor.role === 'officer' ? actor.id : null),
        teamId: input.teamId ?? actor.teamId,
        restricted: input.restricted,
      });
      for (const userId of input.namedUserIds) {
        await repos.investigations.grantAccess(inv.id, userId, auditUserId(actor));
      }
      await deriveInvestigation(trx, inv.id, this.rules, now);
      await repos.audit.append({
        at: now.toISOString(),
        userId: auditUserId(actor),
        action: 'create',
        recordType: 'investigation',
        recordId: inv.id,
        investigationId: inv.id,
        detail: { urn: inv.urn },
      });
      return inv;
    });
  }

  async updateInvestigation(
    actor: Actor,
    investigationId: string,
    patch: InvestigationPatchInput,
  ): Promise<Investigation> {
    const repos0 = createRepositories(this.db);
    await this.authorise(
      actor,
      patch.restricted !== undefined || patch.namedUserIds
        ? 'investigation:supervise'
        : 'investigation:record',
      investigationId,
      repos0,
    );
    return this.write(async (trx, repos, now) => {
      const { expectedVersion, namedUserIds, ...fields } = patch;
      const updated = await repos.investigations.update(
        investigationId,
        expectedVersion,
        fields,
        now.toISOString(),
      );
      if (!updated) {
        throw new Conflict('The investigation was changed by someone else: reload it and try again');
      }
      if (namedUserIds) {
        for (const a of await repos.investigations.listAccess(investigationId)) {
          if (!namedUserIds.includes(a.userId)) {
            await repos.investigations.revokeAccess(investigationId, a.userId);
          }
        }
        for (const u of namedUserIds) {
          await repos.investigations.grantAccess(investigationId, u, auditUserId(actor));
        }
      }
      await repos.obligations.syncOwnership(investigationId);
      await deriveInvestigation(trx, investigationId, this.rules, now);
      await repos.audit.append({
        at: now.toISOString(),
        userId: auditUserId(actor),
        action: 'update',
        recordType: 'investigation',
        recordId: investigationId,
        investigationId,
        detail: { fields: Object.keys(patch) },
      });
      return updated;
    });
  }

  async search(
    actor: Actor,
    query: { q?: string; limit?: number; offset?: number },
  ): Promise<{ items: InvestigationSummary[]; total: number }> {
    if (!can(actor, 'investigation:read')) {
      return this.refuse(actor, 'investigation:read', 'search', null, null);
    }
    const repos = createRepositories(this.db);
    const found = await repos.investigations.search({
      ...(query.q ? { query: query.q } : {}),
      ...(query.limit !== undefined ? { limit: query.limit } : {}),
      ...(query.offset !== undefined ? { offset: query.offset } : {}),
      ...(actor.role === 'admin' ? {} : { restrictedVisibleTo: actor.id }),
    });
    // Results show people's names: the search is audited with what it showed.
    if (found.items.length > 0) {
      await repos.audit.append({
        userId: auditUserId(actor),
        action: 'read',
        recordType: 'search',
        recordId: null,
        reason: query.q ?? null,
        detail: { investigations: found.items.map((i) => i.id) },
      });
    }
    return found;
  }

  /** Everything about one investigation, evaluated now; the read is audited with its reason. */
  async getCase(actor: Actor, investigationId: string, reason: string | null = null): Promise<CaseView> {
    const repos = createRepositories(this.db);
    const inv = await this.authorise(actor, 'investigation:read', investigationId, repos);
    const now = this.clock.now();
    const [people, events, obligations, findings, access, history, users, teams] = await Promise.all([
      repos.people.listByInvestigation(inv.id),
      repos.events.listByInvestigation(inv.id),
      repos.obligations.listByInvestigation(inv.id),
      repos.obligations.listFindings(inv.id),
      repos.investigations.listAccess(inv.id),
      repos.caseHistories.load(inv.id),
      inv.officerInChargeId ? repos.users.getById(inv.officerInChargeId) : Promise.resolve(undefined),
      inv.teamId ? repos.users.getTeam(inv.teamId) : Promise.resolve(undefined),
    ]);
    const evaluation = evaluateCase(history!, {
      pack: this.rules.pack,
      calendar: this.rules.calendar(),
      asOf: now.toISOString(),
    });
    await repos.audit.append({
      at: now.toISOString(),
      userId: auditUserId(actor),
      action: 'read',
      recordType: 'investigation',
      recordId: inv.id,
      investigationId: inv.id,
      reason,
      detail: { people: people.map((p) => p.id) },
    });
    return {
      investigation: {
        ...inv,
        officerInChargeName: users?.displayName ?? null,
        teamName: teams?.name ?? null,
      },
      access: access.map((a) => ({ userId: a.userId, displayName: a.displayName })),
      people: people.map((p) => ({
        ...p,
        eligibility: evaluation.people.find((e) => e.id === p.ref) ?? null,
      })),
      events,
      obligations,
      findings,
      evaluation,
      history: history!,
    };
  }

  // ---- people and contracts ----------------------------------------------------------------------------

  async addPerson(actor: Actor, investigationId: string, input: NewPersonInput): Promise<PersonWithContract> {
    const repos0 = createRepositories(this.db);
    await this.authorise(actor, 'investigation:record', investigationId, repos0);
    if (input.kind === 'business' && input.role === 'victim' && !input.namedContact?.trim()) {
      throw new ValidationFailed([
        {
          field: 'namedContact',
          message:
            'a business victim receives Code services only through a named point of contact: enter one',
        },
      ]);
    }
    return this.write(async (trx, repos, now) => {
      const ref = await repos.people.nextRef(investigationId, input.role === 'victim' ? 'v' : 'w');
      const person = await repos.people.create({
        investigationId,
        ref,
        role: input.role,
        kind: input.kind,
        name: input.name,
        dateOfBirth: input.dateOfBirth ?? null,
        vulnerabilities: input.vulnerabilities ?? [],
        fearOrDistress: input.fearOrDistress ?? false,
        persistentlyTargeted: input.persistentlyTargeted ?? false,
        bereavedCloseRelative: input.bereavedCloseRelative ?? false,
        relationshipToSuspect: input.relationshipToSuspect ?? null,
        namedContact: input.namedContact ?? null,
        publicSector: input.publicSector ?? false,
        phone: input.phone ?? null,
        email: input.email ?? null,
        address: input.address ?? null,
      });
      const contract = input.contract
        ? await repos.people.upsertContract(person.id, input.contract, now.toISOString())
        : null;
      await this.touchAndDerive(trx, repos, investigationId, now);
      await repos.audit.append({
        at: now.toISOString(),
        userId: auditUserId(actor),
        action: 'create',
        recordType: 'person',
        recordId: person.id,
        investigationId,
        detail: { ref, role: input.role },
      });
      return { ...person, contract };
    });
  }

  async updatePerson(actor: Actor, personId: string, patch: PersonPatchInput): Promise<PersonWithContract> {
    const repos0 = createRepositories(this.db);
    const existing = await repos0.people.getById(personId);
    if (!existing) throw new NotFound('The person');
    await this.authorise(actor, 'investigation:record', existing.investigationId, repos0);
    if (
      existing.kind === 'business' &&
      existing.role === 'victim' &&
      patch.namedContact !== undefined &&
      !patch.namedContact?.trim()
    ) {
      throw new ValidationFailed([
        { field: 'namedContact', message: 'a business victim needs a named point of contact' },
      ]);
    }
    return this.write(async (trx, repos, now) => {
      const { ...fields } = patch;
      const person = await repos.people.update(personId, fields, now.toISOString());
      await this.touchAndDerive(trx, repos, existing.investigationId, now);
      await repos.audit.append({
        at: now.toISOString(),
        userId: auditUserId(actor),
        action: 'update',
        recordType: 'person',
        recordId: personId,
        investigationId: existing.investigationId,
        detail: { fields: Object.keys(patch) },
      });
      return { ...person!, contract: (await repos.people.getContract(personId)) ?? null };
    });
  }

  async updateContract(actor: Actor, personId: string, contract: ContractInput): Promise<PersonWithContract> {
    const repos0 = createRepositories(this.db);
    const existing = await repos0.people.getById(personId);
    if (!existing) throw new NotFound('The person');
    await this.authorise(actor, 'investigation:record', existing.investigationId, repos0);
    return this.write(async (trx, repos, now) => {
      const saved = await repos.people.upsertContract(personId, contract, now.toISOString());
      await this.touchAndDerive(trx, repos, existing.investigationId, now);
      await repos.audit.append({
        at: now.toISOString(),
        userId: auditUserId(actor),
        action: 'update',
        recordType: 'contract',
        recordId: personId,
        investigationId: existing.investigationId,
        detail: { contract },
      });
      return { ...existing, contract: saved };
    });
  }

  async getPerson(
    actor: Actor,
    personId: string,
    reason: string | null = null,
  ): Promise<{ person: PersonWithContract; view: CaseView }> {
    const person = await createRepositories(this.db).people.getById(personId);
    if (!person) throw new NotFound('The person');
    const view = await this.getCase(actor, person.investigationId, reason);
    const found = view.people.find((p) => p.id === personId)!;
    await createRepositories(this.db).audit.append({
      userId: auditUserId(actor),
      action: 'read',
      recordType: 'person',
      recordId: personId,
      investigationId: person.investigationId,
      reason,
    });
    return { person: found, view };
  }

  // ---- events ------------------------------------------------------------------------------------------

  /**
   * Records one event (a contact, a suspect event, an assessment …) with the SOP's entry rules: thin
   * contact summaries and mismatched needs-assessment forms are refused, naming the fields; contacts
   * inside times to avoid or by a written method not preferred are accepted and flagged.
   */
  async recordEvent(actor: Actor, investigationId: string, input: NewEventInput): Promise<RecordedEvent> {
    const repos0 = createRepositories(this.db);
    // Sign-offs are a supervisor's (SOP 3.2.10.1: filing after disengagement is checked by a supervisor).
    const action = SUPERVISOR_EVENTS.has(input.type) ? 'investigation:supervise' : 'investigation:record';
    await this.authorise(actor, action, investigationId, repos0);
    const nowMs = this.clock.now().getTime();
    if (instantMs(input.at) > nowMs + FUTURE_TOLERANCE_MS) {
      throw new ValidationFailed([{ field: 'at', message: 'must not be in the future' }]);
    }
    return this.write(async (trx, repos, now) => {
      const inv = await repos.investigations.lockById(investigationId);
      if (!inv) throw new NotFound('The investigation');
      const history = (await repos.caseHistories.load(investigationId))!;
      const ref = input.id === NEW_EVENT_ID ? await repos.events.nextRef(investigationId) : input.id;
      const event = { ...input, id: ref } as CaseEvent;
      const warnings = this.entryRules(history, event);

      const { id: _id, at, type, ...rest } = event as CaseEvent & { person?: string };
      const { person: personRef, ...details } = rest as { person?: string } & Record<string, unknown>;
      const person =
        personRef === undefined ? undefined : await repos.people.getByRef(investigationId, personRef);
      const row = await repos.events.append({
        investigationId,
        ref,
        type,
        at,
        personId: person?.id ?? null,
        recordedBy: auditUserId(actor),
        recordedAt: now.toISOString(),
        details,
      });
      await this.touchAndDerive(trx, repos, investigationId, now, inv.version);
      await repos.audit.append({
        at: now.toISOString(),
        userId: auditUserId(actor),
        action: 'create',
        recordType: 'event',
        recordId: row.id,
        investigationId,
        detail: { ref, type, person: person?.id ?? null },
      });
      return { event: row, warnings };
    });
  }

  /** The SOP's entry rules for a new event against the case as recorded. Throws on refusal. */
  private entryRules(history: CaseHistory, event: CaseEvent): string[] {
    // Every reference (person, informs, complaint/request) must resolve within the case as it will be.
    const read = readCaseHistoryDocument({ ...history, events: [...history.events, event] });
    const index = history.events.length;
    if (!read.ok) {
      const prefix = `events[${index}]`;
      const problems = read.problems.map((p) => ({
        field: p.path.startsWith(prefix) ? p.path.slice(prefix.length).replace(/^\./, '') || 'event' : p.path,
        message: p.message,
      }));
      throw new ValidationFailed(problems);
    }
    const problems: FieldProblem[] = [];
    const warnings: string[] = [];
    const person: PersonFacts | undefined =
      'person' in event ? history.people.find((p) => p.id === event.person) : undefined;
    if (event.type === 'contact') {
      const problem = summaryProblem(event.summary, this.rules.pack.rules['F-SUMMARY-INSUFFICIENT']);
      if (problem) {
        problems.push({
          field: 'summary',
          message: `Summary is not detailed enough: ${problem}. "Victim updated" will not be sufficient (SOP 3.2.10).`,
        });
      }
      if (person) {
        const window = windowContaining(instantMs(event.at), person.contract?.timesToAvoid ?? []);
        if (window) {
          warnings.push(
            `This contact was inside a time the victim asked to avoid (${window.days.join(', ')} ${window.from}–${window.to}).`,
          );
        }
        const ctx = buildCaseContext(history, this.rules.pack, this.rules.calendar(), instantMs(event.at));
        if (writtenInitialContactNotPreferred(ctx, person, event)) {
          warnings.push(
            `Initial contact by ${event.method} is not the victim's preferred method (${person.contract?.preferredMethod ?? 'not recorded'}): phone or in person is expected (SOP 3.2.2).`,
          );
        }
      }
    }
    if (event.type === 'needs-assessment' && person) {
      for (const m of assessmentMismatches(history.investigation.urn, person, event)) {
        problems.push({
          field: m.field,
          message: `does not match the investigation: the form says "${m.onForm}", the record says "${m.onRecord}". Recomplete the form (SOP 3.2.3).`,
        });
      }
    }
    if (problems.length > 0) throw new ValidationFailed(problems, 'The event was not recorded');
    return warnings;
  }

  private async touchAndDerive(
    trx: Trx,
    repos: Repositories,
    investigationId: string,
    now: Date,
    version?: number,
  ): Promise<void> {
    const current = version ?? (await repos.investigations.lockById(investigationId))?.version;
    if (current === undefined) throw new NotFound('The investigation');
    if (!(await repos.investigations.bumpVersion(investigationId, current, now.toISOString()))) {
      throw new Conflict('The investigation was changed by someone else at the same time: try again');
    }
    await deriveInvestigation(trx, investigationId, this.rules, now);
  }
}
