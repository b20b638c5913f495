/**
 * Letters to victims, made from the record as tagged, accessible PDFs on the force's letterhead, kept
 * against the record and put on the timeline as the event they are:
 * - written confirmation of the crime report (crime reference, officer contact): the Code Right 3 written
 *   acknowledgement, recorded as `victim-care-card` (it discharges OB-VICTIM-CARE-CARD and nothing else);
 * - filing (disengagement) letter: only where EL-FILING-LETTER permits it or a supervisor's filing
 *   sign-off approved a justification, and only once the officer confirms the address is current and safe
 *   (SOP 3.2.10.1); recorded as `filing-letter-sent` (with `justificationApproved` where that applied);
 * - no-further-action letter with the reasons and the Victims' Right to Review: a successful `contact` by
 *   letter informing of the decision it is about (purpose `other`, so it is no initial contact unless
 *   letter is the victim's preferred method, and no investigative update);
 * - complaint acknowledgement with the likely timescale: `complaint-responded` for that complaint (an
 *   acknowledgement discharges OB-COMPLAINT-RESPONSE, RULEBOOK section 4).
 * Downloads are audited reads of the record.
 */
import { can, type Actor, type InvestigationAccess } from '../auth/access.policy.js';
import type { Config } from '../config.js';
import { londonDate, londonDateOfMs } from '../domain/calendar/london-time.js';
import type { CaseEvent } from '../domain/case-history/case-history.types.js';
import { evaluateCase } from '../domain/evaluate.js';
import type { PersonEligibility } from '../domain/evaluation.types.js';
import { complaintAcknowledgementLetter } from '../outputs/letters/complaint-acknowledgement-letter.model.js';
import { crimeReportConfirmationLetter } from '../outputs/letters/crime-report-confirmation-letter.model.js';
import {
  FilingLetterNotPermittedError,
  filingLetter,
  type FilingLetterAuthority,
} from '../outputs/letters/filing-letter.model.js';
import { LetterInputError } from '../outputs/letters/letter-parts.model.js';
import { renderLetterPdf } from '../outputs/letters/letter-pdf.renderer.js';
import type {
  ForceProfile,
  LetterDocument,
  LetterKind,
  OfficerContact,
} from '../outputs/letters/letter.types.js';
import { noFurtherActionLetter } from '../outputs/letters/no-further-action-letter.model.js';
import type { Db } from '../store/database.js';
import type { Investigation, Person } from '../store/database.types.js';
import type { LetterSummary } from '../store/letters.repository.js';
import { createRepositories, type Repositories } from '../store/repositories.js';
import { auditUserId } from './actor.js';
import type { CaseService } from './case.service.js';
import { NEW_EVENT_ID, type NewEventInput } from './case.schemas.js';
import type { Clock } from './clock.js';
import type { RulesContext } from './derivation.js';
import { auditRefusal, refuse } from './refusal.js';
import { NotFound, ValidationFailed, type FieldProblem } from './service-errors.js';
import { letterJustificationApproved } from '../domain/eligibility/filing-letter.rule.js';

export const LETTER_KINDS: readonly LetterKind[] = [
  'crime-report-confirmation',
  'filing',
  'no-further-action',
  'complaint-acknowledgement',
];

export const LETTER_TITLES: Record<LetterKind, string> = {
  'crime-report-confirmation': 'Written confirmation of the crime report',
  filing: 'Filing (disengagement) letter',
  'no-further-action': 'No further action letter (with the Victims’ Right to Review)',
  'complaint-acknowledgement': 'Complaint acknowledgement',
};

/** The decisions a no-further-action letter can be about. */
export const NFA_DECISION_TYPES: readonly string[] = [
  'suspect-released-nfa',
  'decision-not-to-charge',
  'decision-not-to-investigate',
  'investigation-filed',
];

export interface OfficerInput {
  rankOrRole: string;
  collarNumber?: string | undefined;
  phone: string;
  email: string;
}

export interface LetterRequest {
  kind: LetterKind;
  personId: string;
  officer: OfficerInput;
  offenceDescription?: string | undefined;
  /** Filing: the officer ticked "the address is current and safe to write to". */
  addressConfirmedSafe?: boolean | undefined;
  /** Filing: how contact was attempted, one per line. */
  contactAttempts?: string[] | undefined;
  /** No further action: the decision event's ref (e3) and the reasons, one per line. */
  decisionEvent?: string | undefined;
  reasons?: string[] | undefined;
  /** Complaint acknowledgement: the complaint-received event's ref and the likely timescale. */
  complaintEvent?: string | undefined;
  likelyTimescale?: string | undefined;
  complaintSummary?: string | undefined;
}

export interface ProducedLetter {
  letter: Omit<LetterSummary, 'personName' | 'createdByName' | 'eventRef'>;
  document: LetterDocument;
  eventRef: string;
}

/** What the letter form needs to know about a person before the officer fills it in. */
export interface LetterOptions {
  investigation: Pick<Investigation, 'id' | 'urn' | 'reportedAt'>;
  person: Pick<Person, 'id' | 'ref' | 'name' | 'address' | 'email'>;
  filing: { permitted: boolean; justificationApproved: boolean; reasons: string[] };
  decisions: { ref: string; type: string; at: string }[];
  complaints: { ref: string; at: string }[];
  officer: { name: string; email: string | null };
}

export type LetterConfig = Partial<
  Pick<Config, 'FORCE_NAME' | 'FORCE_ADDRESS' | 'FORCE_PHONE' | 'FORCE_WEBSITE'>
>;

/** The letterhead from configuration: FORCE_ADDRESS lines are separated by commas. */
export function forceProfile(config: LetterConfig): ForceProfile {
  return {
    name: config.FORCE_NAME ?? 'Kent Police',
    addressLines: (config.FORCE_ADDRESS ?? 'Police Headquarters, Sutton Road, Maidstone, Kent ME15 9BZ')
      .split(',')
      .map((l) => l.trim())
      .filter((l) => l !== ''),
    phone: config.FORCE_PHONE ?? '101',
    website: config.FORCE_WEBSITE ?? 'www.kent.police.uk',
  };
}

function addressLines(address: string | null): string[] {
  return (address ?? '')
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

export class LetterService {
  private readonly force: ForceProfile;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly rules: RulesContext,
    private readonly cases: CaseService,
    config: LetterConfig = {},
  ) {
    this.force = forceProfile(config);
  }

  private async access(repos: Repositories, inv: Investigation): Promise<InvestigationAccess> {
    if (!inv.restricted) return { restricted: false, namedUserIds: [] };
    const named = (await repos.investigations.listAccess(inv.id)).map((a) => a.userId);
    if (inv.officerInChargeId) named.push(inv.officerInChargeId);
    return { restricted: true, namedUserIds: named };
  }

  /** The person and investigation a letter is for, after authorising `action` on the investigation. */
  private async load(actor: Actor, personId: string, action: 'investigation:read' | 'investigation:record') {
    const repos = createRepositories(this.db);
    const person = await repos.people.getById(personId);
    if (!person) throw new NotFound('The person');
    const inv = (await repos.investigations.getById(person.investigationId))!;
    if (!can(actor, action, await this.access(repos, inv))) {
      await refuse(this.db, this.clock, actor, { action, recordType: 'letter', investigationId: inv.id });
    }
    const history = (await repos.caseHistories.load(inv.id))!;
    const evaluation = evaluateCase(history, {
      pack: this.rules.pack,
      calendar: this.rules.calendar(),
      asOf: this.clock.now().toISOString(),
    });
    const eligibility = evaluation.people.find((p) => p.id === person.ref);
    const oic = inv.officerInChargeId ? await repos.users.getById(inv.officerInChargeId) : undefined;
    return { repos, person, inv, history, eligibility, oic };
  }

  private static filingDecision(
    eligibility: PersonEligibility | undefined,
    events: readonly CaseEvent[],
    personRef: string,
  ) {
    return {
      permitted: eligibility?.filingLetterPermitted ?? false,
      justificationApproved: letterJustificationApproved(events, personRef),
      reasons: eligibility?.decisions.filingLetterPermitted.reasons ?? [
        'the person is not a victim on this investigation',
      ],
    };
  }

  /** What the form offers for this person: whether a filing letter is allowed, decisions, complaints. */
  async options(actor: Actor, personId: string): Promise<LetterOptions> {
    const { person, inv, history, eligibility, oic } = await this.load(
      actor,
      personId,
      'investigation:record',
    );
    const mine = history.events.filter((e) => !('person' in e) || e.person === person.ref);
    return {
      investigation: { id: inv.id, urn: inv.urn, reportedAt: inv.reportedAt },
      person: {
        id: person.id,
        ref: person.ref,
        name: person.name,
        address: person.address,
        email: person.email,
      },
      filing: LetterService.filingDecision(eligibility, history.events, person.ref),
      decisions: mine
        .filter((e) => NFA_DECISION_TYPES.includes(e.type))
        .map((e) => ({ ref: e.id, type: e.type, at: e.at })),
      complaints: mine.filter((e) => e.type === 'complaint-received').map((e) => ({ ref: e.id, at: e.at })),
      officer: { name: oic?.displayName ?? actor.displayName, email: oic?.email ?? null },
    };
  }

  /**
   * Makes the letter, records its sending as an event (re-deriving obligations), and keeps the PDF
   * against the record, audited. A filing letter that is not permitted is refused (and the refusal
   * audited) before anything is made.
   */
  async produce(actor: Actor, req: LetterRequest): Promise<ProducedLetter> {
    const { person, inv, history, eligibility, oic } = await this.load(
      actor,
      req.personId,
      'investigation:record',
    );
    if (person.role !== 'victim') {
      throw new ValidationFailed([
        { field: 'personId', message: 'Letters under the Victims’ Code go to victims' },
      ]);
    }
    const now = this.clock.now();
    const today = londonDateOfMs(now.getTime());
    const problems: FieldProblem[] = [];
    if (!req.officer.rankOrRole.trim()) {
      problems.push({ field: 'rankOrRole', message: 'Enter your rank or role' });
    }
    if (!req.officer.phone.trim()) {
      problems.push({ field: 'phone', message: 'Enter a phone number the victim can reach you on' });
    }
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(req.officer.email.trim())) {
      problems.push({ field: 'email', message: 'Enter your force email address, like name@force.police.uk' });
    }
    const address = addressLines(person.address);
    if (address.length === 0) {
      problems.push({
        field: 'address',
        message: 'Record the victim’s postal address on their record first',
      });
    }
    if (problems.length > 0) throw new ValidationFailed(problems, 'The letter was not produced');

    const officer: OfficerContact = {
      name: oic?.displayName ?? actor.displayName,
      rankOrRole: req.officer.rankOrRole.trim(),
      ...(req.officer.collarNumber?.trim() ? { collarNumber: req.officer.collarNumber.trim() } : {}),
      phone: req.officer.phone.trim(),
      email: req.officer.email.trim(),
    };
    const base = {
      force: this.force,
      officer,
      recipient: { name: person.name ?? 'The occupier', addressLines: address },
      urn: inv.urn,
      date: today,
      ...(req.offenceDescription?.trim() ? { offenceDescription: req.offenceDescription.trim() } : {}),
    };
    const nowIso = now.toISOString();
    if (req.kind === 'filing') {
      const d = LetterService.filingDecision(eligibility, history.events, person.ref);
      if (!d.permitted && !d.justificationApproved) {
        await auditRefusal(this.db, this.clock, actor, {
          action: 'EL-FILING-LETTER',
          recordType: 'letter',
          investigationId: inv.id,
          detail: { kind: 'filing', person: person.id },
        });
        throw new ValidationFailed(
          [
            {
              field: 'kind',
              message: `A filing letter is not permitted for ${person.name ?? person.ref} (${d.reasons.join('; ')}). Tell them in person or by phone, or ask a supervisor to sign off the filing approving a justification (SOP 3.2.10.1).`,
            },
          ],
          'The filing letter was not produced',
        );
      }
    }
    const contract = await createRepositories(this.db).people.getContract(person.id);
    let document: LetterDocument;
    let event: NewEventInput;
    try {
      switch (req.kind) {
        case 'crime-report-confirmation': {
          document = crimeReportConfirmationLetter({
            ...base,
            reportedOn: londonDate(inv.reportedAt),
            enhanced: eligibility?.enhanced ?? false,
            ...(contract?.updateFrequencyDays
              ? { agreedUpdateFrequencyDays: contract.updateFrequencyDays }
              : {}),
          });
          event = {
            id: NEW_EVENT_ID,
            type: 'victim-care-card',
            at: nowIso,
            person: person.ref,
          } as NewEventInput;
          break;
        }
        case 'filing': {
          const decision = LetterService.filingDecision(eligibility, history.events, person.ref);
          const authority: FilingLetterAuthority = decision.permitted
            ? { permitted: true }
            : { supervisorApprovedJustification: 'approved at the supervisor’s filing sign-off' };
          document = filingLetter({
            ...base,
            authority,
            addressConfirmedSafe: req.addressConfirmedSafe === true ? true : (undefined as unknown as true),
            reportedOn: londonDate(inv.reportedAt),
            contactAttempts: (req.contactAttempts ?? []).filter((a) => a.trim() !== ''),
          });
          event = {
            id: NEW_EVENT_ID,
            type: 'filing-letter-sent',
            at: nowIso,
            person: person.ref,
            ...(decision.permitted ? {} : { justificationApproved: true }),
          } as NewEventInput;
          break;
        }
        case 'no-further-action': {
          const decision = history.events.find(
            (e) => e.id === req.decisionEvent && NFA_DECISION_TYPES.includes(e.type),
          );
          const reasons = (req.reasons ?? []).map((r) => r.trim()).filter((r) => r !== '');
          const p: FieldProblem[] = [];
          if (!decision) {
            p.push({ field: 'decisionEvent', message: 'Choose the decision the letter is about' });
          }
          if (reasons.length === 0) {
            p.push({ field: 'reasons', message: 'Enter the reasons for the decision, one per line' });
          }
          if (p.length > 0) throw new ValidationFailed(p, 'The letter was not produced');
          document = noFurtherActionLetter({ ...base, decisionDate: londonDate(decision!.at), reasons });
          event = {
            id: NEW_EVENT_ID,
            type: 'contact',
            at: nowIso,
            person: person.ref,
            method: 'letter',
            outcome: 'successful',
            purposes: ['other'],
            informs: [decision!.id],
            summary: `Letter sent explaining the decision (${decision!.type.replace(/-/g, ' ')}), the reasons for it and the Victims' Right to Review.`,
          } as NewEventInput;
          break;
        }
        case 'complaint-acknowledgement': {
          const complaint = history.events.find(
            (e) =>
              e.id === req.complaintEvent &&
              e.type === 'complaint-received' &&
              'person' in e &&
              e.person === person.ref,
          );
          const p: FieldProblem[] = [];
          if (!complaint) {
            p.push({ field: 'complaintEvent', message: 'Choose the complaint the letter acknowledges' });
          }
          if (!req.likelyTimescale?.trim()) {
            p.push({
              field: 'likelyTimescale',
              message: 'Enter when the complainant can expect a full response, like "within 20 working days"',
            });
          }
          if (p.length > 0) throw new ValidationFailed(p, 'The letter was not produced');
          document = complaintAcknowledgementLetter({
            ...base,
            complaintReference: `${inv.urn}/${complaint!.id}`,
            receivedOn: londonDate(complaint!.at),
            likelyTimescale: req.likelyTimescale!.trim(),
            ...(req.complaintSummary?.trim() ? { complaintSummary: req.complaintSummary.trim() } : {}),
          });
          event = {
            id: NEW_EVENT_ID,
            type: 'complaint-responded',
            at: nowIso,
            person: person.ref,
            complaint: complaint!.id,
          } as NewEventInput;
          break;
        }
        default:
          throw new ValidationFailed([{ field: 'kind', message: 'Choose a kind of letter' }]);
      }
    } catch (err) {
      if (err instanceof FilingLetterNotPermittedError) {
        throw new ValidationFailed(
          err.reasons.map((r) =>
            r === 'address-not-confirmed-safe'
              ? {
                  field: 'addressConfirmedSafe',
                  message:
                    'Confirm the address is current and safe to write to (domestic abuse especially) before a filing letter is produced',
                }
              : {
                  field: 'kind',
                  message:
                    'A filing letter is not permitted for this victim (EL-FILING-LETTER) and no supervisor-approved justification is recorded',
                },
          ),
          'The filing letter was not produced',
        );
      }
      if (err instanceof LetterInputError) {
        throw new ValidationFailed(
          [{ field: 'letter', message: err.message }],
          'The letter was not produced',
        );
      }
      throw err;
    }
    const pdf = await renderLetterPdf(document, { createdAt: now });
    const recorded = await this.cases.recordEvent(actor, inv.id, event);
    const letter = await this.db.transaction().execute(async (trx) => {
      const repos = createRepositories(trx);
      const row = await repos.letters.create({
        investigationId: inv.id,
        personId: person.id,
        kind: req.kind,
        createdBy: auditUserId(actor),
        createdAt: nowIso,
        pdf,
        eventId: recorded.event.id,
      });
      await repos.audit.append({
        at: nowIso,
        userId: auditUserId(actor),
        action: 'create',
        recordType: 'letter',
        recordId: row.id,
        investigationId: inv.id,
        detail: { kind: req.kind, person: person.id, event: recorded.event.ref },
      });
      return row;
    });
    return { letter, document, eventRef: recorded.event.ref };
  }

  /** The letters kept against an investigation (for the case page). */
  async list(actor: Actor, investigationId: string): Promise<LetterSummary[]> {
    const repos = createRepositories(this.db);
    const inv = await repos.investigations.getById(investigationId);
    if (!inv) throw new NotFound('The investigation');
    if (!can(actor, 'investigation:read', await this.access(repos, inv))) {
      await refuse(this.db, this.clock, actor, {
        action: 'investigation:read',
        recordType: 'letter',
        investigationId: inv.id,
      });
    }
    const letters = await repos.letters.listByInvestigation(inv.id);
    await repos.audit.append({
      at: this.clock.now().toISOString(),
      userId: auditUserId(actor),
      action: 'read',
      recordType: 'letters',
      recordId: inv.id,
      investigationId: inv.id,
      detail: { letters: letters.map((l) => l.id) },
    });
    return letters;
  }

  /** The PDF as kept; the download is an audited read. */
  async pdf(actor: Actor, letterId: string): Promise<{ fileName: string; body: Buffer }> {
    const repos = createRepositories(this.db);
    const letter = /^[0-9a-f-]{36}$/i.test(letterId) ? await repos.letters.get(letterId) : undefined;
    if (!letter) throw new NotFound('The letter');
    const inv = (await repos.investigations.getById(letter.investigationId))!;
    if (!can(actor, 'investigation:read', await this.access(repos, inv))) {
      await refuse(this.db, this.clock, actor, {
        action: 'investigation:read',
        recordType: 'letter',
        recordId: letter.id,
        investigationId: inv.id,
      });
    }
    await repos.audit.append({
      at: this.clock.now().toISOString(),
      userId: auditUserId(actor),
      action: 'read',
      recordType: 'letter',
      recordId: letter.id,
      investigationId: inv.id,
      detail: { kind: letter.kind, download: true },
    });
    return {
      fileName: `${letter.kind}-${inv.urn.replace(/[^A-Za-z0-9]+/g, '-')}-${letter.createdAt.slice(0, 10)}.pdf`,
      body: Buffer.from(letter.pdf),
    };
  }
}
