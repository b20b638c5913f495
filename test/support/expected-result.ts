/**
 * Compares an evaluation with an expected-result file as FORMAT.md describes: people fields match exactly
 * (enhancedReasons and specialMeasures as sets); obligations matched on rule + person + trigger (and
 * dueDate for investigative updates) match on the fields given; findings matched on code + person are
 * present; absentFindings / absentObligations must not appear.
 */
type Row = Record<string, unknown>;

const SET_FIELDS = new Set(['enhancedReasons', 'specialMeasures']);

function same(field: string, a: unknown, b: unknown): boolean {
  if (SET_FIELDS.has(field) && Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x) => b.includes(x));
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

function obligationKey(o: Row, withDue: boolean): string {
  return JSON.stringify([o.rule, o.person, o.trigger ?? null, withDue ? o.dueDate : null]);
}

function findObligation(list: Row[], want: Row): Row | undefined {
  const withDue = want.rule === 'OB-INVESTIGATIVE-UPDATE' && want.dueDate !== undefined;
  return list.find((o) => obligationKey(o, withDue) === obligationKey(want, withDue));
}

export function compareWithExpected(actual: Row, expected: Row): string[] {
  const problems: string[] = [];
  const people = (actual.people as Row[]) ?? [];
  const obligations = (actual.obligations as Row[]) ?? [];
  const findings = (actual.findings as Row[]) ?? [];
  for (const want of (expected.people as Row[]) ?? []) {
    const got = people.find((p) => p.id === want.id);
    if (!got) {
      problems.push(`person ${String(want.id)} missing`);
      continue;
    }
    for (const [k, v] of Object.entries(want)) {
      if (!same(k, got[k], v)) {
        problems.push(
          `person ${String(want.id)}.${k}: got ${JSON.stringify(got[k])}, want ${JSON.stringify(v)}`,
        );
      }
    }
  }
  for (const want of (expected.obligations as Row[]) ?? []) {
    const got = findObligation(obligations, want);
    if (!got) {
      problems.push(`obligation missing: ${JSON.stringify(want)}`);
      continue;
    }
    for (const [k, v] of Object.entries(want)) {
      if (!same(k, got[k], v)) {
        problems.push(
          `obligation ${obligationKey(want, true)}.${k}: got ${JSON.stringify(got[k])}, want ${JSON.stringify(v)}`,
        );
      }
    }
  }
  for (const want of (expected.findings as Row[]) ?? []) {
    if (!findings.some((f) => f.code === want.code && f.person === want.person)) {
      problems.push(`finding missing: ${String(want.code)} for ${String(want.person)}`);
    }
  }
  for (const want of (expected.absentFindings as Row[]) ?? []) {
    if (findings.some((f) => f.code === want.code && f.person === want.person)) {
      problems.push(`finding present but must be absent: ${String(want.code)} for ${String(want.person)}`);
    }
  }
  for (const want of (expected.absentObligations as Row[]) ?? []) {
    if (findObligation(obligations, want)) {
      problems.push(`obligation present but must be absent: ${JSON.stringify(want)}`);
    }
  }
  return problems;
}
