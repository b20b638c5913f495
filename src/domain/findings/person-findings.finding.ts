/**
 * Findings about a person's record, each named after its rule:
 * F-ENHANCED-NOT-RECORDED — SOP 3.2.3: a victim entitled to enhanced rights "must be recorded as Enhanced".
 * F-NO-NAMED-CONTACT — a business victim receives Code services only through a named point of contact.
 * F-REFERRAL-WITHOUT-CONSENT — Code Right 4: explicit consent before referral for sexual offences, domestic
 *   abuse and bereaved relatives.
 * F-FILING-LETTER-NOT-PERMITTED — SOP 3.2.10.1 (EL-FILING-LETTER), unless a justification was approved.
 * F-VNA-MISMATCH — SOP 3.2.3: a needs-assessment form whose URN or victim details do not match.
 */
import type { PersonFacts } from '../case-history/case-history.types.js';
import { eventsOfPerson, eventsOfType, type CaseContext } from '../case-context.js';
import type { Finding, PersonEligibility } from '../evaluation.types.js';
import { assessmentMismatches } from '../obligations/needs-assessment.rule.js';
import { makeFinding } from './finding.js';

export function enhancedNotRecorded(ctx: CaseContext, person: PersonFacts, el: PersonEligibility): Finding[] {
  if (!el.enhanced) return [];
  const recorded =
    person.contract?.enhancedRecorded === true ||
    eventsOfType(eventsOfPerson(ctx, person.id), 'enhanced-recorded').length > 0;
  if (recorded) return [];
  return [
    makeFinding(
      ctx,
      'F-ENHANCED-NOT-RECORDED',
      person.id,
      'EL-ENHANCED',
      null,
      `Entitled to enhanced rights (${el.enhancedReasons.join(', ')}) but enhanced status is not recorded on the victim contract.`,
    ),
  ];
}

export function noNamedContact(ctx: CaseContext, person: PersonFacts): Finding[] {
  if (person.role !== 'victim' || person.kind !== 'business' || person.namedContact?.trim()) return [];
  return [
    makeFinding(
      ctx,
      'F-NO-NAMED-CONTACT',
      person.id,
      null,
      null,
      'Business victim without a named point of contact: no Code services can be delivered until one is recorded.',
    ),
  ];
}

export function referralWithoutConsent(
  ctx: CaseContext,
  person: PersonFacts,
  el: PersonEligibility,
): Finding[] {
  if (el.referralConsent !== 'explicit') return [];
  return eventsOfType(eventsOfPerson(ctx, person.id), 'support-referral')
    .filter((r) => r.event.consent !== 'explicit')
    .map((r) =>
      makeFinding(
        ctx,
        'F-REFERRAL-WITHOUT-CONSENT',
        person.id,
        'OB-SUPPORT-REFERRAL',
        r.event.id,
        `Referral ${r.event.id} to ${r.event.service} was made without the explicit consent this victim's category requires.`,
      ),
    );
}

export function filingLetterNotPermitted(
  ctx: CaseContext,
  person: PersonFacts,
  el: PersonEligibility,
): Finding[] {
  if (el.filingLetterPermitted) return [];
  return eventsOfType(eventsOfPerson(ctx, person.id), 'filing-letter-sent')
    .filter((l) => l.event.justificationApproved !== true)
    .map((l) =>
      makeFinding(
        ctx,
        'F-FILING-LETTER-NOT-PERMITTED',
        person.id,
        'EL-FILING-LETTER',
        l.event.id,
        `Filing letter ${l.event.id} was sent although a letter is not permitted for this victim (${el.decisions.filingLetterPermitted.reasons.join('; ')}) and no justification was approved.`,
      ),
    );
}

export function needsAssessmentMismatch(ctx: CaseContext, person: PersonFacts): Finding[] {
  const urn = ctx.history.investigation.urn;
  return eventsOfType(eventsOfPerson(ctx, person.id), 'needs-assessment').flatMap((a) => {
    const wrong = assessmentMismatches(urn, person, a.event);
    if (wrong.length === 0) return [];
    const list = wrong.map((m) => `${m.field} "${m.onForm}" (record: "${m.onRecord}")`).join(', ');
    return [
      makeFinding(
        ctx,
        'F-VNA-MISMATCH',
        person.id,
        'OB-NEEDS-ASSESSMENT',
        a.event.id,
        `Needs-assessment form ${a.event.id} does not match the investigation: ${list}.`,
      ),
    ];
  });
}
