/** The evaluation as a person reads it at a terminal: who is owed what, by when, and why. */
import type { CaseHistory } from '../domain/case-history/case-history.types.js';
import type { Evaluation, ObligationStatus } from '../domain/evaluation.types.js';

const STATUS_WORDS: Record<ObligationStatus, string> = {
  overdue: 'OVERDUE',
  due: 'due',
  met: 'done on time',
  'met-late': 'done late',
  'not-required': 'not required',
};

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function evaluationToText(history: CaseHistory, e: Evaluation): string {
  const name = (id: string | null) => {
    if (id === null) return '(investigation)';
    const p = history.people.find((x) => x.id === id);
    return p?.name ? `${p.name} (${id})` : id;
  };
  const out: string[] = [];
  out.push(`Investigation ${history.investigation.urn} as of ${e.asOf} under ${e.rulePack}`, '');
  out.push('People');
  out.push(
    table([
      [
        'person',
        'role',
        'enhanced',
        'special measures',
        'referral consent',
        'VCS',
        'compellable',
        'filing letter',
      ],
      ...e.people.map((p) => {
        const facts = history.people.find((x) => x.id === p.id)!;
        return [
          name(p.id),
          `${facts.role}${facts.kind === 'business' ? ' (business)' : ''}`,
          p.enhanced ? `yes: ${p.enhancedReasons.join(', ')}` : 'no',
          p.specialMeasures.join(' ') || '-',
          p.referralConsent,
          p.vcsEligible ? 'yes' : 'no',
          p.compellable ? 'yes' : 'no',
          p.filingLetterPermitted ? 'permitted' : 'not permitted',
        ];
      }),
    ]),
    '',
  );
  const order: ObligationStatus[] = ['overdue', 'due', 'met-late', 'met', 'not-required'];
  const obligations = [...e.obligations].sort(
    (a, b) => order.indexOf(a.status) - order.indexOf(b.status) || a.dueDate.localeCompare(b.dueDate),
  );
  out.push('What is owed');
  out.push(
    obligations.length === 0
      ? '(nothing)'
      : table([
          ['person', 'what is owed', 'due', 'status', 'rule', 'why'],
          ...obligations.map((o) => [
            name(o.person),
            o.title,
            o.dueDate,
            STATUS_WORDS[o.status] + (o.metAt ? ` ${o.metAt.slice(0, 16).replace('T', ' ')}Z` : ''),
            o.rule,
            `${o.source}${o.trigger ? `; after event ${o.trigger}` : ''}`,
          ]),
        ]),
    '',
  );
  out.push('Findings');
  out.push(
    e.findings.length === 0
      ? '(none)'
      : table([
          ['person', 'finding', 'source', 'detail'],
          ...e.findings.map((f) => [name(f.person), f.code, f.source, f.message]),
        ]),
  );
  return out.join('\n') + '\n';
}
