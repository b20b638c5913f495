/**
 * The rules engine: from the facts of one case, as of an instant, every eligibility decision, every
 * obligation with its status, and every finding. Pure: the calendar, the rule pack and `asOf` are given.
 */
import type { WorkingDayCalendar } from './calendar/working-day-calendar.js';
import { instantMs } from './calendar/london-time.js';
import type { CaseHistory, ContactEvent } from './case-history/case-history.types.js';
import { buildCaseContext, type TimedEvent } from './case-context.js';
import { decideEligibility } from './eligibility/person-eligibility.js';
import type { Evaluation, Finding, Obligation } from './evaluation.types.js';
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
  const people = history.people.map((p) => decideEligibility(ctx, p));
  const obligations: Obligation[] = [];
  const findings: Finding[] = [];

  history.people.forEach((person, i) => {
    const eligibility = people[i]!;
    findings.push(...noNamedContact(ctx, person));
    if (!isOwedObligations(person)) return;
    const owed: OwedPerson = { person, eligibility };
    const mine = PERSON_OBLIGATIONS.flatMap((rule) => rule(ctx, owed));
    obligations.push(...mine);
    const initial = mine.find((o) => o.rule === 'OB-INITIAL-CONTACT');
    if (initial) findings.push(...singleAttempt(ctx, initial));
    findings.push(
      ...enhancedNotRecorded(ctx, person, eligibility),
      ...referralWithoutConsent(ctx, person, eligibility),
      ...filingLetterNotPermitted(ctx, person, eligibility),
      ...needsAssessmentMismatch(ctx, person),
    );
    for (const t of ctx.byPerson.get(person.id) ?? []) {
      if (t.event.type !== 'contact') continue;
      const contact = t as TimedEvent<ContactEvent>;
      findings.push(
        ...emailNotPreferred(ctx, person, contact.event),
        ...summaryInsufficient(ctx, contact.event),
        ...timesToAvoid(ctx, person, contact),
      );
    }
  });
  obligations.push(...vwcuHandover(ctx));

  return { rulePack: options.pack.id, asOf: ctx.asOf, people, obligations, findings };
}
