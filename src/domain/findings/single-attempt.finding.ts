/**
 * F-SINGLE-ATTEMPT — SOP 3.2.2: "a single attempt at contact is not considered sufficient". Raised once
 * initial contact's due date has passed unmet with fewer than two contact attempts (any purpose, outcome
 * or method) up to the end of the due date.
 */
import { eventsOfPerson, type CaseContext } from '../case-context.js';
import type { Finding, Obligation } from '../evaluation.types.js';
import { makeFinding } from './finding.js';

export function singleAttempt(ctx: CaseContext, initial: Obligation): Finding[] {
  if (initial.person === null || ctx.today <= initial.dueDate) return [];
  if (initial.status === 'met' || initial.status === 'not-required') return [];
  const min = ctx.pack.rules['F-SINGLE-ATTEMPT'].minAttempts;
  const attempts = eventsOfPerson(ctx, initial.person).filter(
    (t) => t.event.type === 'contact' && t.date <= initial.dueDate,
  ).length;
  if (attempts >= min) return [];
  return [
    makeFinding(
      ctx,
      'F-SINGLE-ATTEMPT',
      initial.person,
      'OB-INITIAL-CONTACT',
      null,
      `Initial contact was not made by ${initial.dueDate} and only ${attempts} attempt${attempts === 1 ? ' was' : 's were'} recorded; a single attempt is not sufficient.`,
    ),
  ];
}
