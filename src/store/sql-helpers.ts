/** Small helpers shared by the repositories. */

/** Escapes `%`, `_` and `\` for a LIKE pattern (PostgreSQL's default escape character is `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A word-prefix tsquery for the 'simple' configuration: "alex smi" → `alex:* & smi:*`; apostrophes are
 * dropped (as in the people_name_words_idx expression) so "obrien" and "o'brien" both find O'Brien. Only letters and
 * digits survive, so the result is always valid tsquery syntax; null when nothing is left.
 */
export function namePrefixTsQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length === 0 ? null : words.map((w) => `${w}:*`).join(' & ');
}

/** `YYYY-MM-DD` plus n calendar days (pure date arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d + days);
  return t.toISOString().slice(0, 10);
}

export interface Page {
  limit?: number;
  offset?: number;
}

export function pageOf(page: Page, defaultLimit = 50, maxLimit = 500): { limit: number; offset: number } {
  const limit = Math.min(Math.max(1, Math.trunc(page.limit ?? defaultLimit)), maxLimit);
  const offset = Math.max(0, Math.trunc(page.offset ?? 0));
  return { limit, offset };
}

export const json = (value: unknown): string => JSON.stringify(value ?? null);
