/**
 * Written confirmation of a crime report (Victims' Code Right 3; SOP 3.2.4): the crime reference, who is
 * dealing with it, the victim's rights in summary and how to reach Victim Support.
 */
import type { LetterBaseInput, LetterDocument } from './letter.types.js';
import {
  EMERGENCY_PARAGRAPH,
  VICTIMS_CODE_RIGHTS,
  VICTIMS_CODE_URL,
  buildLetter,
  checkBaseInput,
  contactOfficerParagraph,
  formatLetterDate,
  officerInText,
  supportServiceBlocks,
} from './letter-parts.model.js';

export interface CrimeReportConfirmationInput extends LetterBaseInput {
  /** `YYYY-MM-DD`: when the crime was reported. */
  reportedOn: string;
  /** Plain words for what was reported, e.g. "the theft of your bicycle". Optional. */
  offenceDescription?: string;
  /**
   * Entitled to enhanced rights (EL-ENHANCED): told about key decisions within 1 working day rather
   * than 5. The domain decides this; the letter only says it.
   */
  enhanced: boolean;
  /** The agreed gap between investigation updates in days, when one has been agreed. */
  agreedUpdateFrequencyDays?: number;
}

export function crimeReportConfirmationLetter(input: CrimeReportConfirmationInput): LetterDocument {
  checkBaseInput(input);
  const reported = formatLetterDate(input.reportedOn);
  const what = input.offenceDescription?.trim() ? ` of ${input.offenceDescription.trim()}` : '';
  const updateDays = input.enhanced ? '1 working day' : '5 working days';
  const frequency =
    input.agreedUpdateFrequencyDays !== undefined && input.agreedUpdateFrequencyDays > 0
      ? ` We agreed that we will update you on the investigation at least every ${input.agreedUpdateFrequencyDays} days, and you can ask to change this at any time.`
      : ' We will agree with you how often you would like to hear from us about the investigation.';

  return buildLetter(input, 'crime-report-confirmation', 'Confirmation of your crime report', [
    {
      type: 'paragraph',
      text: `Thank you for reporting a crime to us. This letter confirms that we recorded your report${what} on ${reported}. Your crime reference is ${input.urn.trim()}. Please keep this letter and quote the reference whenever you contact us.`,
    },
    { type: 'heading', text: 'Who is dealing with your report' },
    {
      type: 'paragraph',
      text: `${officerInText(input)} is dealing with your report. ${contactOfficerParagraph(input, 'them')}`,
    },
    {
      type: 'paragraph',
      text: `We will tell you about important decisions, such as an arrest, a suspect being charged or released, or the investigation being closed, within ${updateDays} of the decision.${frequency}`,
    },
    { type: 'heading', text: "Your rights under the Victims' Code" },
    {
      type: 'paragraph',
      text: "The Code of Practice for Victims of Crime in England and Wales (the Victims' Code) sets out 12 rights you have as a victim of crime. You have the right:",
    },
    { type: 'list', items: [...VICTIMS_CODE_RIGHTS] },
    {
      type: 'paragraph',
      text: `You can read the full Victims' Code at ${VICTIMS_CODE_URL}, or ask us for a copy.`,
    },
    ...supportServiceBlocks(input),
    { type: 'heading', text: 'If you need help urgently' },
    { type: 'paragraph', text: EMERGENCY_PARAGRAPH },
  ]);
}
