// axe-core accessibility scan of a Playwright page against WCAG 2.2 A and AA.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

function axeScript(): string {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export const WCAG_22_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

/**
 * Injects node_modules/axe-core/axe.min.js into the page and returns the WCAG 2.2 AA violations. The script
 * is evaluated through the DevTools protocol, which the page's CSP does not block (an inline <script> would
 * be blocked, as it should be).
 */
export async function axeViolations(
  page: Page,
  tags: readonly string[] = WCAG_22_AA_TAGS,
): Promise<AxeViolation[]> {
  const alreadyLoaded = await page.evaluate('typeof window.axe === "object"');
  if (alreadyLoaded !== true) await page.evaluate(axeScript());
  const results = (await page.evaluate(
    `window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} }, resultTypes: ['violations'] })`,
  )) as { violations: AxeViolation[] };
  return results.violations;
}

/** Fails with one line per violation: rule id, help text and the elements it found. */
export async function expectNoAxeViolations(
  page: Page,
  tags: readonly string[] = WCAG_22_AA_TAGS,
): Promise<void> {
  const violations = await axeViolations(page, tags);
  const report = violations
    .map((v) => {
      const targets = v.nodes.map((n) => JSON.stringify(n.target)).join(', ');
      return `- ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n    ${targets}\n    ${v.helpUrl}`;
    })
    .join('\n');
  assert.equal(
    violations.length,
    0,
    `axe found ${violations.length} accessibility violation(s) on ${page.url()}:\n${report}`,
  );
}
