/**
 * EL-CICA — Code Right 5; SOP 3.2.13. Victims of violent crime are told how to apply to the Criminal
 * Injuries Compensation Authority. The deadline is normally 2 years from the incident; for a victim under
 * 18 at the time, before their 20th birthday if reported before 18, else 2 years from the report.
 */
import { addCalendarDays, addYears } from '../calendar/london-time.js';
import type { PersonFacts } from '../case-history/case-history.types.js';
import { ageAt, hasOffenceIn, isVictim, type CaseContext } from '../case-context.js';
import type { Decision } from '../evaluation.types.js';
import { decider } from './decision.js';

export function decideCicaDeadline(ctx: CaseContext, person: PersonFacts): Decision<string | null> {
  const rule = ctx.pack.rules['EL-CICA'];
  const d = decider<string | null>('EL-CICA', rule.source);
  if (!isVictim(person) || person.kind !== 'person') {
    return d(null, 'only a person victim applies to the CICA');
  }
  if (!hasOffenceIn(ctx, 'violent')) return d(null, 'not a violent offence');
  const ageAtIncident = ageAt(person, ctx.incidentDate);
  if (ageAtIncident !== null && ageAtIncident < 18 && person.dateOfBirth) {
    const reportedAge = ageAt(person, ctx.reportDate) ?? 0;
    if (reportedAge < 18) {
      const birthday = addYears(person.dateOfBirth, rule.childBirthdayLimit);
      return d(
        addCalendarDays(birthday, -1),
        `under 18 at the incident and reported before 18: before their ${rule.childBirthdayLimit}th birthday`,
      );
    }
    return d(
      addYears(ctx.reportDate, rule.applicationYears),
      `under 18 at the incident, reported at 18 or over: ${rule.applicationYears} years from the report`,
    );
  }
  return d(
    addYears(ctx.incidentDate, rule.applicationYears),
    `${rule.applicationYears} years from the incident`,
  );
}
