/**
 * EL-SPECIAL-MEASURES — YJCEA 1999 ss.16-30; SOP 3.2.6-3.2.8. Lists the measures a person may be
 * eligible for; the court decides. Age is taken at the hearing (the first hearing date of the latest charge
 * that has one, else `asOf`). Businesses get none.
 */
import type { PersonFacts } from '../case-history/case-history.types.js';
import {
  caseEventsOfType,
  hasOffenceIn,
  intimidatedReasons,
  isDomesticAbuse,
  isVictim,
  vulnerableReasons,
  type CaseContext,
} from '../case-context.js';
import type { Decision, SpecialMeasure } from '../evaluation.types.js';

const ALL: SpecialMeasure[] = ['s23', 's24', 's25', 's26', 's27', 's28', 's29', 's30'];

function measuresDecision(
  source: string,
  value: SpecialMeasure[],
  reasons: string[],
): Decision<SpecialMeasure[]> {
  return { value, rule: 'EL-SPECIAL-MEASURES', source, reasons };
}

export function hearingDate(ctx: CaseContext): string {
  const charges = caseEventsOfType(ctx, 'suspect-charged').filter((c) => c.event.firstHearingDate);
  const latest = charges[charges.length - 1];
  return latest?.event.firstHearingDate ?? ctx.today;
}

export function decideSpecialMeasures(ctx: CaseContext, person: PersonFacts): Decision<SpecialMeasure[]> {
  const rule = ctx.pack.rules['EL-SPECIAL-MEASURES'];
  if (person.kind === 'business') {
    return measuresDecision(rule.source, [], ['businesses are not eligible for special measures']);
  }

  const hearing = hearingDate(ctx);
  const vulnerable = vulnerableReasons(person, hearing);
  if (vulnerable.length > 0) {
    return measuresDecision(
      rule.source,
      [...ALL],
      [`vulnerable (s.16): ${vulnerable.join(', ')}; eligible for ss.23-30`],
    );
  }
  const intimidated = intimidatedReasons(ctx, person);
  if (hasOffenceIn(ctx, 'knifeOrFirearm')) {
    intimidated.push('witness in a knife or firearm offence (Sch. 1A)');
  }
  if (intimidated.length === 0) {
    return measuresDecision(rule.source, [], ['neither vulnerable (s.16) nor intimidated (s.17)']);
  }

  const complainant = isVictim(person);
  const sexual = hasOffenceIn(ctx, 'sexual');
  const slavery = hasOffenceIn(ctx, 'modernSlavery');
  const measures: SpecialMeasure[] = ['s23', 's24'];
  const reasons = [`intimidated (s.17): ${intimidated.join(', ')}`];
  if (sexual || slavery || isDomesticAbuse(ctx)) {
    measures.push('s25');
    reasons.push('s.25 evidence in private: sexual, modern slavery or domestic abuse offence');
  }
  measures.push('s26', 's27');
  if (complainant && (sexual || slavery)) {
    measures.push('s28');
    reasons.push('s.28 pre-recorded cross-examination: complainant of a sexual or modern slavery offence');
  }
  return measuresDecision(rule.source, measures, reasons);
}
