/**
 * Rule packs are data: a Code edition (`victims-code-2020`) completed by a force's local policy
 * (`kent-n15a`). Another force's policy, or a new Code edition, is a new data file, not a code change.
 */
import codePack from './packs/victims-code-2020.json' with { type: 'json' };
import kentPolicy from './packs/kent-n15a.json' with { type: 'json' };
import type { CodePackDocument, PolicyPackDocument, RuleDefinitions, RulePack } from './rule-pack.types.js';

export class RulePackError extends Error {
  constructor(readonly problems: string[]) {
    super(`rule pack is not usable: ${problems.join('; ')}`);
    this.name = 'RulePackError';
  }
}

export const SHIPPED_CODE_PACKS: readonly CodePackDocument[] = [codePack as CodePackDocument];
export const SHIPPED_POLICY_PACKS: readonly PolicyPackDocument[] = [kentPolicy as PolicyPackDocument];
export const DEFAULT_RULE_PACK_ID = 'victims-code-2020+kent-n15a';

/** Applies a local policy to a Code edition and checks that every rule's numbers are filled. */
export function composeRulePack(code: CodePackDocument, policy: PolicyPackDocument | null): RulePack {
  const problems: string[] = [];
  if (code.kind !== 'code') problems.push(`${code.id}: kind must be "code"`);
  if (policy && policy.kind !== 'policy') problems.push(`${policy.id}: kind must be "policy"`);
  if (policy && policy.appliesTo !== code.id) {
    problems.push(`${policy.id} applies to ${policy.appliesTo}, not ${code.id}`);
  }
  const rules: Record<string, Record<string, unknown>> = {};
  for (const [id, rule] of Object.entries(code.rules)) rules[id] = { ...rule };
  for (const [id, override] of Object.entries(policy?.rules ?? {})) {
    const base = rules[id];
    if (!base) {
      problems.push(`${policy?.id}: rules.${id} is not a rule of ${code.id}`);
      continue;
    }
    for (const [key, value] of Object.entries(override)) {
      if (!(key in base)) problems.push(`${policy?.id}: rules.${id}.${key} is not a setting of that rule`);
      else if (typeof base[key] === 'number' || base[key] === null) {
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
          problems.push(`${policy?.id}: rules.${id}.${key} must be a whole number of days (or months) ≥ 0`);
        }
      }
      base[key] = value;
    }
  }
  for (const [id, rule] of Object.entries(rules)) {
    for (const [key, value] of Object.entries(rule)) {
      if (value === null) {
        problems.push(`rules.${id}.${key} has no value: the local policy must set it (a policy default)`);
      }
    }
  }
  if (problems.length > 0) throw new RulePackError(problems);
  return {
    id: policy ? `${code.id}+${policy.id}` : code.id,
    code: { id: code.id, title: code.title, inForceFrom: code.inForceFrom },
    policy: policy ? { id: policy.id, title: policy.title } : null,
    categories: { ...code.categories, ...policy?.categories },
    rules: rules as unknown as RuleDefinitions,
  };
}

/**
 * Finds a shipped pack by id: `CODE+POLICY` (e.g. `victims-code-2020+kent-n15a`), or a Code id alone when
 * that edition needs no local values. `extraPolicies` are policy documents supplied by the caller.
 */
export function shippedRulePack(
  id: string = DEFAULT_RULE_PACK_ID,
  extraPolicies: PolicyPackDocument[] = [],
): RulePack {
  const [codeId, policyId] = id.split('+');
  const code = SHIPPED_CODE_PACKS.find((p) => p.id === codeId);
  if (!code) {
    throw new RulePackError([
      `no Code pack "${codeId}" (known: ${SHIPPED_CODE_PACKS.map((p) => p.id).join(', ')})`,
    ]);
  }
  if (policyId === undefined) return composeRulePack(code, null);
  const policies = [...extraPolicies, ...SHIPPED_POLICY_PACKS];
  const policy = policies.find((p) => p.id === policyId);
  if (!policy) {
    throw new RulePackError([
      `no policy pack "${policyId}" (known: ${policies.map((p) => p.id).join(', ')})`,
    ]);
  }
  return composeRulePack(code, policy);
}
