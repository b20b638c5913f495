/**
 * Acknowledgement of a complaint that the victim's rights under the Victims' Code were not met
 * (Code Right 12; SOP 3.4): sent within 10 working days of receipt, with the likely timescale.
 */
import type { LetterBaseInput, LetterDocument } from './letter.types.js';
import {
  LetterInputError,
  buildLetter,
  checkBaseInput,
  contactOfficerParagraph,
  formatLetterDate,
  requireText,
  supportServiceBlocks,
} from './letter-parts.model.js';

export interface ComplaintAcknowledgementInput extends LetterBaseInput {
  /** The complaint's own reference. */
  complaintReference: string;
  /** `YYYY-MM-DD`: when the complaint was received. */
  receivedOn: string;
  /**
   * Either the date the full response is expected by (`YYYY-MM-DD`) or plain words such as
   * "within 20 working days". One of the two is required.
   */
  responseExpectedBy?: string;
  likelyTimescale?: string;
  /** Short plain summary of what the complaint is about, in the complainant's terms. Optional. */
  complaintSummary?: string;
}

export function complaintAcknowledgementLetter(input: ComplaintAcknowledgementInput): LetterDocument {
  checkBaseInput(input);
  const complaintRef = requireText(input.complaintReference, 'a complaint reference');
  const received = formatLetterDate(input.receivedOn);
  let timescale: string;
  if (input.responseExpectedBy) {
    timescale = `by ${formatLetterDate(input.responseExpectedBy)}`;
  } else if (input.likelyTimescale?.trim()) {
    timescale = input.likelyTimescale.trim();
  } else {
    throw new LetterInputError('A complaint acknowledgement must give the likely timescale for a response.');
  }
  const about = input.complaintSummary?.trim() ? ` about ${input.complaintSummary.trim()}` : '';

  return buildLetter(
    input,
    'complaint-acknowledgement',
    'We have received your complaint',
    [
      {
        type: 'paragraph',
        text: `Thank you for your complaint${about}, which we received on ${received}. Your complaint reference is ${complaintRef}. Please quote it, with the crime reference ${input.urn.trim()}, when you contact us about your complaint.`,
      },
      {
        type: 'paragraph',
        text: "Under the Victims' Code we acknowledge every complaint within 10 working days of receiving it. This letter is our acknowledgement.",
      },
      { type: 'heading', text: 'What happens next' },
      {
        type: 'paragraph',
        text: `We will look into your complaint and expect to give you a full response ${timescale}. If it will take longer, we will tell you why and when you can expect to hear from us.`,
      },
      {
        type: 'paragraph',
        text: "If you are not happy with our full response, you can ask your MP to refer your complaint to the Parliamentary and Health Service Ombudsman, who looks at complaints about the Victims' Code.",
      },
      { type: 'heading', text: 'Contact us' },
      { type: 'paragraph', text: contactOfficerParagraph(input) },
      ...supportServiceBlocks(input),
    ],
    [{ label: 'Complaint reference', value: complaintRef }],
  );
}
