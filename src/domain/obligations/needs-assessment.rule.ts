/**
 * OB-NEEDS-ASSESSMENT — SOP 3.2.3; Code Right 4. A victim needs assessment is completed within the local
 * policy's days of the report. A form whose URN or victim details do not match the investigation does not
 * count (F-VNA-MISMATCH).
 */
import type { NeedsAssessmentEvent, PersonFacts } from '../case-history/case-history.types.js';
import type { CaseContext } from '../case-context.js';
import type { Obligation } from '../evaluation.types.js';
import { firstPersonEvent, makeObligation, type OwedPerson } from './obligation.js';

export interface AssessmentMismatch {
  field: 'urn' | 'personName' | 'dateOfBirth';
  onForm: string;
  onRecord: string;
}

function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Which details on a needs-assessment form disagree with the investigation and person (SOP 3.2.3). */
export function assessmentMismatches(
  urn: string,
  person: Pick<PersonFacts, 'name' | 'dateOfBirth'>,
  form: Pick<NeedsAssessmentEvent, 'urn' | 'personName' | 'dateOfBirth'>,
): AssessmentMismatch[] {
  const out: AssessmentMismatch[] = [];
  if (form.urn.trim() !== urn.trim()) out.push({ field: 'urn', onForm: form.urn, onRecord: urn });
  if (form.personName && person.name && normaliseName(form.personName) !== normaliseName(person.name)) {
    out.push({ field: 'personName', onForm: form.personName, onRecord: person.name });
  }
  if (form.dateOfBirth && person.dateOfBirth && form.dateOfBirth !== person.dateOfBirth) {
    out.push({ field: 'dateOfBirth', onForm: form.dateOfBirth, onRecord: person.dateOfBirth });
  }
  return out;
}

export function needsAssessment(ctx: CaseContext, owed: OwedPerson): Obligation[] {
  const rule = ctx.pack.rules['OB-NEEDS-ASSESSMENT'];
  const due = ctx.calendar.addCalendarDays(ctx.reportDate, rule.dueCalendarDays);
  const urn = ctx.history.investigation.urn;
  const by = firstPersonEvent(ctx, owed.person.id, ['needs-assessment'], -Infinity, (t) =>
    t.event.type === 'needs-assessment'
      ? assessmentMismatches(urn, owed.person, t.event).length === 0
      : false,
  );
  return [makeObligation(ctx, 'OB-NEEDS-ASSESSMENT', owed.person.id, null, due, by)];
}
