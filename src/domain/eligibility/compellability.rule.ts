/**
 * EL-COMPELLABILITY — YJCEA 1999 s.53; PACE 1984 s.80. Everyone competent is compellable, except the
 * spouse or civil partner of the accused, who is compellable for the prosecution only where the offence
 * involves an assault on, injury or threat of injury to that spouse or civil partner or to a person then
 * under 16, or is a sexual offence against a person then under 16. A former spouse or civil partner is
 * compellable like anyone else; a threat to damage property is not enough (R v BA [2012] EWCA Crim 1529).
 */
import type { PersonFacts } from '../case-history/case-history.types.js';
import { ageAt, hasOffenceIn, isVictim, type CaseContext } from '../case-context.js';
import type { Decision } from '../evaluation.types.js';
import { decider } from './decision.js';

export function decideCompellability(ctx: CaseContext, person: PersonFacts): Decision<boolean> {
  const source = ctx.pack.rules['EL-COMPELLABILITY'].source;
  const d = decider<boolean>('EL-COMPELLABILITY', source);
  const rel = person.relationshipToSuspect;
  if (rel !== 'spouse' && rel !== 'civil-partner') {
    return d(
      true,
      rel ? `a ${rel.replace(/-/g, ' ')} is compellable like anyone else` : 'competent and compellable',
    );
  }
  const partner = rel === 'spouse' ? 'spouse' : 'civil partner';
  const involvesPerson = hasOffenceIn(ctx, 'violent') || hasOffenceIn(ctx, 'sexual');
  if (!involvesPerson) {
    return d(
      false,
      `${partner} of the accused, and no offence involves an assault, injury or threat of injury to a person`,
    );
  }
  if (isVictim(person) && person.kind === 'person') {
    return d(
      true,
      `${partner} of the accused, compellable: the offence involves an assault, injury or threat to them`,
    );
  }
  const child = ctx.history.people.find((p) => {
    const age = isVictim(p) && p.kind === 'person' ? ageAt(p, ctx.incidentDate) : null;
    return age !== null && age < 16;
  });
  if (child) {
    return d(true, `${partner} of the accused, compellable: the offence involves a person then under 16`);
  }
  return d(false, `${partner} of the accused: the offence involves neither them nor a person then under 16`);
}
