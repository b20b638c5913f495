// How an obligation's status is shown: words and govukTag colour. Colour is never the only signal: the
// words say it too.
import type { ObligationStatus } from '../domain/evaluation.types.js';

export interface StatusTag {
  text: string;
  /** govuk-tag modifier class; '' is the default (blue) tag */
  classes: string;
}

export const OBLIGATION_STATUS_TAGS: Readonly<Record<ObligationStatus, StatusTag>> = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  due: { text: 'Due', classes: '' },
  met: { text: 'Done on time', classes: 'govuk-tag--green' },
  'met-late': { text: 'Done late', classes: 'govuk-tag--orange' },
  'not-required': { text: 'Not required', classes: 'govuk-tag--grey' },
};

/** The tag for a status; an unknown status shows as itself in grey rather than breaking the page. */
export function obligationStatusTag(status: string): StatusTag {
  return (
    (OBLIGATION_STATUS_TAGS as Readonly<Record<string, StatusTag>>)[status] ?? {
      text: status,
      classes: 'govuk-tag--grey',
    }
  );
}
