/**
 * EL-FILING-LETTER — SOP 3.2.10.1. Telling a victim by letter or email that the crime is being filed is
 * not permitted for serious sexual offences (every sexual offence counts) or for victims who are vulnerable
 * or intimidated, unless a recorded justification is approved by a supervisor.
 */
import type { CaseEvent, PersonFacts } from '../case-history/case-history.types.js';
import { hasOffenceIn, intimidatedReasons, vulnerableReasons, type CaseContext } from '../case-context.js';
import type { Decision } from '../evaluation.types.js';

export function decideFilingLetter(ctx: CaseContext, person: PersonFacts): Decision<boolean> {
  const source = ctx.pack.rules['EL-FILING-LETTER'].source;
  const against: string[] = [];
  if (hasOffenceIn(ctx, 'sexual')) against.push('serious sexual offence');
  if (person.kind === 'person') {
    if (vulnerableReasons(person, ctx.incidentDate).length > 0) against.push('vulnerable');
    if (intimidatedReasons(ctx, person).length > 0) against.push('intimidated');
  }
  if (against.length > 0) {
    return {
      value: false,
      rule: 'EL-FILING-LETTER',
      source,
      reasons: [
        `letter or email not permitted (${against.join(', ')}) unless a supervisor approves a recorded justification`,
      ],
    };
  }
  return {
    value: true,
    rule: 'EL-FILING-LETTER',
    source,
    reasons: ['a letter may be used once every other avenue has been tried'],
  };
}

/**
 * The rule's exception: a supervisor's filing sign-off that approved a recorded justification for a
 * letter to this person. With it, a letter may be sent although EL-FILING-LETTER does not permit one.
 */
export function letterJustificationApproved(events: readonly CaseEvent[], personId: string): boolean {
  return events.some(
    (e) => e.type === 'filing-signed-off' && e.person === personId && e.letterJustificationApproved === true,
  );
}
