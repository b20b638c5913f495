/**
 * The rules engine: from the facts of one case, as of an instant, every eligibility decision, every
 * obligation with its status, and every finding. Pure: the calendar, the rule pack and `asOf` are given.
 */
import type { WorkingDayCalendar } from './calendar/working-day-calendar.js';
import { instantMs } from './calendar/london-time.js';
import type { CaseHistory, ContactEvent } from './case-history/case-history.types.js';
import { buildCaseContext, eventsOfPerson, type TimedEvent } from './case-context.js';
import { decideEligibility } from './eligibility/person-eligibility.js';
import type { Evaluation, Finding, Obligation, PersonEligibility } from './evaluation.types.js';
import { emailNotPreferred } from './findings/email-not-preferred.finding.js';
import {
  enhancedNotRecorded,
  filingLetterNotPermitted,
  needsAssessmentMismatch,
  noNamedContact,
  referralWithoutConsent,
} from './findings/person-findings.finding.js';
import { singleAttempt } from './findings/single-attempt.finding.js';
import { summaryInsufficient } from './findings/summary-insufficient.finding.js';
import { timesToAvoid } from './findings/times-to-avoid.finding.js';
import { hearingNotices, outcomeNotices } from './obligations/court-notices.rule.js';
import { initialContact } from './obligations/initial-contact.rule.js';
import { investigativeUpdates } from './obligations/investigative-update.rule.js';
import { mandatoryUpdates } from './obligations/mandatory-update.rule.js';
import { needsAssessment } from './obligations/needs-assessment.rule.js';
import { isOwedObligations, type OwedPerson } from './obligations/obligation.js';
import { requestResponses } from './obligations/request-responses.rule.js';
import { supportReferral } from './obligations/support-referral.rule.js';
import { victimCareCard } from './obligations/victim-care-card.rule.js';
import { vcsReferral } from './obligations/victim-contact-scheme-referral.rule.js';
import { vpsOffers } from './obligations/victim-personal-statement-offer.rule.js';
import { vwcuHandover } from './obligations/vwcu-handover.rule.js';
import type { RulePack } from './rules/rule-pack.types.js';

/** The obligation rules owed to each victim, in the order a case unfolds. */
const PERSON_OBLIGATIONS = [
  initialContact,
  supportReferral,
  needsAssessment,
  victimCareCard,
  vpsOffers,
  mandatoryUpdates,
  investigativeUpdates,
  hearingNotices,
  outcomeNotices,
  requestResponses,
  vcsReferral,
] as const;

export interface EvaluationOptions {
  pack: RulePack;
  calendar: WorkingDayCalendar;
  /** ISO instant; the caller's clock supplies "now" when the history has no `asOf`. */
  asOf: string;
}

export function evaluateCase(history: CaseHistory, options: EvaluationOptions): Evaluation {
  const ctx = buildCaseContext(history, options.pack, options.calendar, instantMs(options.asOf));
  const people: PersonEligibility[] = [];
  const obligations: Obligation[] = [];
  const findings: Finding[] = [];

  // Each rule's results are appended in place (no spread or flatMap: they were a sixth of the time).
  for (const person of history.people) {
    const eligibility = decideEligibility(ctx, person);
    people.push(eligibility);
    append(findings, noNamedContact(ctx, person));
    if (!isOwedObligations(person)) continue;
    const owed: OwedPerson = { person, eligibility };
    let initial: Obligation | undefined;
    for (const rule of PERSON_OBLIGATIONS) {
      for (const o of rule(ctx, owed)) {
        if (initial === undefined && o.rule === 'OB-INITIAL-CONTACT') initial = o;
        obligations.push(o);
      }
    }
    if (initial) append(findings, singleAttempt(ctx, initial));
    append(findings, enhancedNotRecorded(ctx, person, eligibility));
    append(findings, referralWithoutConsent(ctx, person, eligibility));
    append(findings, filingLetterNotPermitted(ctx, person, eligibility));
    append(findings, needsAssessmentMismatch(ctx, person));
    for (const t of eventsOfPerson(ctx, person.id)) {
      if (t.event.type !== 'contact') continue;
      const contact = t as TimedEvent<ContactEvent>;
      append(findings, emailNotPreferred(ctx, person, contact.event));
      append(findings, summaryInsufficient(ctx, contact.event));
      append(findings, timesToAvoid(ctx, person, contact));
    }
  }
  append(obligations, vwcuHandover(ctx));

  return { rulePack: options.pack.id, asOf: ctx.asOf, people, obligations, findings };
}

function append<T>(list: T[], items: readonly T[]): void {
  for (const item of items) list.push(item);
}
