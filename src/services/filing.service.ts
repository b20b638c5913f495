/**
 * Disengagement and filing (SOP 3.2.10.1): a supervisor's sign-off of a filing, and the EL-FILING-LETTER
 * guard on recording a filing letter. The letter may be recorded only when the rule permits it for that
 * person, or when a supervisor has signed off the filing approving a recorded justification.
 */
import { can, type Actor } from '../auth/access.policy.js';
import type { Db } from '../store/database.js';
import { createRepositories } from '../store/repositories.js';
import type { CaseService, RecordedEvent } from './case.service.js';
import type { Clock } from './clock.js';
import { NotFound, ValidationFailed } from './service-errors.js';
import { letterJustificationApproved } from '../domain/eligibility/filing-letter.rule.js';
import { refuse } from './refusal.js';

export interface FilingSignOffInput {
  /** the person ref (v1 …) the filing is about */
  person: string;
  at: string;
  /** the supervisor approves sending a filing letter although EL-FILING-LETTER does not permit one */
  letterJustificationApproved: boolean;
  justification?: string | null | undefined;
}

export interface FilingLetterInput {
  person: string;
  at: string;
}

export class FilingService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly cases: CaseService,
  ) {}

  /** Only a supervisor (or an administrator) who can see the investigation may sign off a filing. */
  async signOff(actor: Actor, investigationId: string, input: FilingSignOffInput): Promise<RecordedEvent> {
    const repos = createRepositories(this.db);
    const inv = await repos.investigations.getById(investigationId);
    if (!inv) throw new NotFound('The investigation');
    const named = inv.restricted ? (await repos.investigations.listAccess(inv.id)).map((a) => a.userId) : [];
    if (inv.officerInChargeId) named.push(inv.officerInChargeId);
    if (!can(actor, 'investigation:supervise', { restricted: inv.restricted, namedUserIds: named })) {
      return refuse(
        this.db,
        this.clock,
        actor,
        {
          action: 'investigation:supervise',
          recordType: 'investigation',
          recordId: inv.id,
          investigationId: inv.id,
          detail: { workflow: 'filing-sign-off' },
        },
        'Only a supervisor can sign off a filing',
      );
    }
    const justification = input.justification?.trim() ?? '';
    if (input.letterJustificationApproved && justification.length < 20) {
      throw new ValidationFailed([
        {
          field: 'justification',
          message:
            'Enter the justification you are approving for sending a filing letter (at least 20 characters)',
        },
      ]);
    }
    return this.cases.recordEvent(actor, investigationId, {
      id: '__new__',
      type: 'filing-signed-off',
      at: input.at,
      person: input.person,
      letterJustificationApproved: input.letterJustificationApproved,
      justification: justification === '' ? null : justification,
    });
  }

  /**
   * Records that a filing letter was sent. Refused unless EL-FILING-LETTER permits a letter for the person
   * or a supervisor's sign-off approved a justification (then recorded with `justificationApproved`).
   */
  async recordLetter(
    actor: Actor,
    investigationId: string,
    input: FilingLetterInput,
  ): Promise<RecordedEvent> {
    const view = await this.cases.getCase(actor, investigationId, 'filing letter: check EL-FILING-LETTER');
    const person = view.people.find((p) => p.ref === input.person);
    if (!person) {
      throw new ValidationFailed([{ field: 'person', message: 'Choose a victim on this investigation' }]);
    }
    const permitted = person.eligibility?.filingLetterPermitted ?? false;
    const approved = letterJustificationApproved(view.history.events, input.person);
    if (!permitted && !approved) {
      const reasons =
        person.eligibility?.decisions.filingLetterPermitted.reasons.join('; ') ?? 'not permitted';
      throw new ValidationFailed(
        [
          {
            field: 'person',
            message: `A filing letter is not permitted for ${person.name ?? input.person} (${reasons}). Tell them face to face or by phone, or ask a supervisor to sign off the filing approving a justification.`,
          },
        ],
        'The filing letter was not recorded',
      );
    }
    return this.cases.recordEvent(actor, investigationId, {
      id: '__new__',
      type: 'filing-letter-sent',
      at: input.at,
      person: input.person,
      ...(permitted ? {} : { justificationApproved: true }),
    });
  }
}
