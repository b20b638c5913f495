/**
 * F-EMAIL-NOT-PREFERRED — SOP 3.2.2: initial contact should be by phone or in person; email only when it
 * is clearly the victim's preferred means. Raised for any initial-contact attempt by email, text or letter
 * that is not the recorded preferred method, successful or not.
 */
import type { ContactEvent, PersonFacts } from '../case-history/case-history.types.js';
import type { CaseContext } from '../case-context.js';
import type { Finding } from '../evaluation.types.js';
import { makeFinding, ruleOfPurposes } from './finding.js';

export function writtenInitialContactNotPreferred(
  ctx: CaseContext,
  person: PersonFacts,
  contact: Pick<ContactEvent, 'method' | 'purposes'>,
): boolean {
  const allowed = ctx.pack.rules['OB-INITIAL-CONTACT'].methodsAlwaysAllowed;
  return (
    contact.purposes.includes('initial-contact') &&
    !allowed.includes(contact.method) &&
    contact.method !== (person.contract?.preferredMethod ?? null)
  );
}

export function emailNotPreferred(ctx: CaseContext, person: PersonFacts, contact: ContactEvent): Finding[] {
  if (!writtenInitialContactNotPreferred(ctx, person, contact)) return [];
  const preferred = person.contract?.preferredMethod ?? 'not recorded';
  return [
    makeFinding(
      ctx,
      'F-EMAIL-NOT-PREFERRED',
      contact.person,
      ruleOfPurposes(contact.purposes),
      contact.id,
      `Initial contact ${contact.id} was by ${contact.method}, but the victim's preferred method is ${preferred}.`,
    ),
  ];
}
