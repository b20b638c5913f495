/** `--rule-pack ID|FILE`: a shipped pack id, or a local-policy JSON file applied to its Code edition. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  RulePackError,
  SHIPPED_CODE_PACKS,
  composeRulePack,
  shippedRulePack,
} from '../domain/rules/rule-pack.js';
import type { PolicyPackDocument, RulePack } from '../domain/rules/rule-pack.types.js';
import { UsageError, type CliIo } from './cli-io.js';

export async function loadRulePack(option: string | undefined, io: CliIo): Promise<RulePack> {
  try {
    if (option === undefined || !option.endsWith('.json')) return shippedRulePack(option);
    let policy: PolicyPackDocument;
    try {
      policy = JSON.parse(await readFile(resolve(io.cwd, option), 'utf8')) as PolicyPackDocument;
    } catch (e) {
      throw new UsageError([`--rule-pack: cannot read ${option} as JSON (${(e as Error).message})`]);
    }
    const code = SHIPPED_CODE_PACKS.find((c) => c.id === policy.appliesTo);
    if (!code) {
      throw new UsageError([
        `--rule-pack: ${option} applies to unknown Code pack ${JSON.stringify(policy.appliesTo)}`,
      ]);
    }
    return composeRulePack(code, policy);
  } catch (e) {
    if (e instanceof RulePackError) throw new UsageError(e.problems.map((p) => `--rule-pack: ${p}`));
    throw e;
  }
}
