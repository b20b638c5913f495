/** The help page: statuses, how deadlines are counted, and every rule of the pack in force with its source. */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../composition-root.js';

const STATUSES = [
  {
    status: 'overdue',
    words: 'Overdue',
    meaning: 'Not done, and the due date has passed. Do it now and record it.',
  },
  { status: 'due', words: 'Due', meaning: 'Not done yet; the due date is today or later.' },
  { status: 'met', words: 'Done on time', meaning: 'Recorded on or before the due date.' },
  { status: 'met-late', words: 'Done late', meaning: 'Recorded after the due date: it counts as a breach.' },
  {
    status: 'not-required',
    words: 'Not required',
    meaning:
      'The victim opted out of updates, or the duty stopped applying (for example the investigation closed).',
  },
];

/** A rule's deadline in words, read from the pack's numbers (so a local policy change shows here). */
export function deadlineWords(rule: Record<string, unknown>): string {
  const n = (k: string) => (typeof rule[k] === 'number' ? (rule[k] as number) : null);
  if (n('dueWorkingDaysEnhanced') !== null) {
    return `${n('dueWorkingDays')} working days (${n('dueWorkingDaysEnhanced')} if enhanced)`;
  }
  if (n('dueWorkingDays') !== null) {
    return `${n('dueWorkingDays')} working day${n('dueWorkingDays') === 1 ? '' : 's'}`;
  }
  if (n('dueCalendarDays') !== null) return `${n('dueCalendarDays')} days`;
  if (n('maxFrequencyDays') !== null) return `as agreed, at most every ${n('maxFrequencyDays')} days`;
  return '—';
}

export function registerHelpPages(app: FastifyInstance, services: Services): void {
  app.get('/help', async (_request, reply) => {
    const pack = services.rules.pack;
    const rules = Object.entries(pack.rules).map(([id, r]) => ({
      id,
      title: r.title,
      source: r.source,
      deadline: id.startsWith('OB-') ? deadlineWords(r as unknown as Record<string, unknown>) : '—',
    }));
    return reply.renderPage('pages/help', {
      statuses: STATUSES,
      rules,
      packId: pack.id,
      codeTitle: pack.code.title,
      policyTitle: pack.policy?.title ?? null,
      maxFrequency: pack.rules['OB-INVESTIGATIVE-UPDATE'].maxFrequencyDays,
      minWords: pack.rules['F-SUMMARY-INSUFFICIENT'].minWords,
    });
  });
}
