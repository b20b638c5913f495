/**
 * EL-VPS — Code Right 7; SOP 3.2.9. Every victim may make a Victim Personal Statement; a business (not a
 * public-sector body) an Impact Statement for Business.
 */
import type { PersonFacts } from '../case-history/case-history.types.js';
import { isVictim, type CaseContext } from '../case-context.js';
import type { Decision } from '../evaluation.types.js';
import { decider } from './decision.js';

export type StatementKind = 'vps' | 'impact-statement-for-business' | null;

export function decideStatementKind(ctx: CaseContext, person: PersonFacts): Decision<StatementKind> {
  const source = ctx.pack.rules['EL-VPS'].source;
  const d = decider<StatementKind>('EL-VPS', source);
  if (!isVictim(person)) return d(null, 'a witness who is not a victim makes no impact statement');
  if (person.kind === 'person') return d('vps', 'every victim may make a Victim Personal Statement');
  if (person.publicSector) {
    return d(null, 'public-sector bodies do not make an Impact Statement for Business');
  }
  return d('impact-statement-for-business', 'businesses may make an Impact Statement for Business');
}
