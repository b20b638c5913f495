/**
 * EL-ENHANCED — Code enhanced rights; SOP 3.2.5. A person victim is entitled to enhanced rights if any
 * reason applies (most serious crime, bereaved close relative, persistently targeted, vulnerable with age
 * at the offence, intimidated). Businesses are not enhanced; a witness who is not a victim is not either.
 */
import type { PersonFacts } from '../case-history/case-history.types.js';
import {
  hasOffenceIn,
  intimidatedReasons,
  isVictim,
  vulnerableReasons,
  type CaseContext,
} from '../case-context.js';
import type { Decision, EnhancedReason } from '../evaluation.types.js';

export interface EnhancedRightsDecision extends Decision<boolean> {
  enhancedReasons: EnhancedReason[];
}

export function decideEnhancedRights(ctx: CaseContext, person: PersonFacts): EnhancedRightsDecision {
  const rule = ctx.pack.rules['EL-ENHANCED'];
  if (!isVictim(person)) {
    return enhancedDecision(rule.source, [], ['a witness who is not a victim: the Witness Charter applies']);
  }
  if (person.kind === 'business') {
    return enhancedDecision(rule.source, [], ['business victims are not enhanced']);
  }

  const found: EnhancedReason[] = [];
  const why: string[] = [];
  const cats = ctx.pack.categories;
  const serious = cats.mostSeriousCrime.filter((c) => ctx.categories.has(c));
  const flags = cats.mostSeriousCrimeFlags.filter((f) => ctx.history.investigation.flags[f]);
  const bereavement = person.bereavedCloseRelative && hasOffenceIn(ctx, 'bereavementOffences');
  if (serious.length > 0 || flags.length > 0 || bereavement) {
    found.push('most-serious-crime');
    const named = [
      ...serious,
      ...flags.map(flagWords),
      ...(bereavement ? ['homicide (bereaved relative)'] : []),
    ];
    why.push(`most serious crime: ${named.join(', ')}`);
  }
  if (person.bereavedCloseRelative) {
    found.push('bereaved-close-relative');
    why.push('close relative of a person whose death was caused by a criminal offence');
  }
  if (person.persistentlyTargeted) {
    found.push('persistently-targeted');
    why.push('persistently targeted (officer assessment)');
  }
  const vulnerable = vulnerableReasons(person, ctx.incidentDate);
  if (vulnerable.length > 0) {
    found.push('vulnerable');
    why.push(`vulnerable: ${vulnerable.join(', ')}`);
  }
  const intimidated = intimidatedReasons(ctx, person);
  if (intimidated.length > 0) {
    found.push('intimidated');
    why.push(`intimidated: ${intimidated.join(', ')}`);
  }
  if (found.length === 0) why.push('no enhanced-rights criterion applies');
  return enhancedDecision(rule.source, found, why);
}

function enhancedDecision(
  source: string,
  enhancedReasons: EnhancedReason[],
  reasons: string[],
): EnhancedRightsDecision {
  return { value: enhancedReasons.length > 0, enhancedReasons, rule: 'EL-ENHANCED', source, reasons };
}

function flagWords(flag: string): string {
  return flag === 'domesticAbuse' ? 'domestic abuse' : flag === 'hateCrime' ? 'hate crime' : 'terrorism';
}
