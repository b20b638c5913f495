/**
 * Letter telling a victim that no further action will be taken, with the reasons and how to ask for a
 * review under the police Victims' Right to Review (VRR) scheme.
 */
import type { LetterBaseInput, LetterDocument } from './letter.types.js';
import {
  LetterInputError,
  buildLetter,
  checkBaseInput,
  contactOfficerParagraph,
  describeContactRoute,
  formatLetterDate,
  supportServiceBlocks,
} from './letter-parts.model.js';

export interface NoFurtherActionInput extends LetterBaseInput {
  /** `YYYY-MM-DD`: when the decision was made. */
  decisionDate: string;
  /** The reasons for the decision, in plain words, one per item. At least one. */
  reasons: string[];
  /** Plain words for what was reported, e.g. "the assault on you". Optional. */
  offenceDescription?: string;
  /**
   * `YYYY-MM-DD`: the last day to ask for a review, when the domain has worked it out (3 months from
   * when the victim is told). When absent the letter says "within 3 months of the date of this letter".
   */
  reviewRequestBy?: string;
}

export const RIGHT_TO_REVIEW_HEADING = 'Your right to ask for a review';

export function noFurtherActionLetter(input: NoFurtherActionInput): LetterDocument {
  checkBaseInput(input);
  const reasons = input.reasons.map((r) => r.trim()).filter((r) => r !== '');
  if (reasons.length === 0) {
    throw new LetterInputError('A no-further-action letter must give the reasons for the decision.');
  }
  const decided = formatLetterDate(input.decisionDate);
  const what = input.offenceDescription?.trim() ? ` into ${input.offenceDescription.trim()}` : '';
  const deadline = input.reviewRequestBy
    ? `by ${formatLetterDate(input.reviewRequestBy)}, which is 3 months from when we told you about this decision`
    : 'within 3 months of the date of this letter';
  const route = input.force.rightToReview ? describeContactRoute(input.force.rightToReview) : null;
  const howToAsk = route
    ? `To ask for a review, contact ${input.force.name} ${route}.`
    : `To ask for a review, contact the officer named in this letter, by phone or email.`;

  return buildLetter(input, 'no-further-action', 'Decision to take no further action', [
    {
      type: 'paragraph',
      text: `We are writing to tell you that on ${decided} we decided to take no further action in the investigation${what} (crime reference ${input.urn.trim()}). This means that no one will be charged or given an out-of-court disposal for this crime at this time.`,
    },
    { type: 'heading', text: 'Why we made this decision' },
    ...(reasons.length === 1
      ? [{ type: 'paragraph' as const, text: reasons[0] ?? '' }]
      : [
          { type: 'paragraph' as const, text: 'We made this decision because:' },
          { type: 'list' as const, items: reasons },
        ]),
    {
      type: 'paragraph',
      text: 'If new evidence comes to light, the investigation can be looked at again.',
    },
    { type: 'heading', text: RIGHT_TO_REVIEW_HEADING },
    {
      type: 'paragraph',
      text: "If you disagree with this decision, you have the right to ask for it to be reviewed under the Victims' Right to Review scheme. The review will be carried out by someone who was not involved in making the decision.",
    },
    {
      type: 'paragraph',
      text: `You should ask for a review ${deadline}. We may still consider a later request if there is a good reason for the delay.`,
    },
    {
      type: 'paragraph',
      text: `${howToAsk} Tell us your name, the crime reference ${input.urn.trim()} and that you would like a review under the Victims' Right to Review scheme. You do not have to say why you disagree, but it helps us if you do.`,
    },
    {
      type: 'paragraph',
      text: 'We will acknowledge your request within 10 working days and aim to tell you the outcome of the review within 30 working days. If the review finds the decision was wrong, the investigation may be reopened.',
    },
    { type: 'heading', text: 'Questions about this letter' },
    { type: 'paragraph', text: contactOfficerParagraph(input) },
    ...supportServiceBlocks(input),
  ]);
}
