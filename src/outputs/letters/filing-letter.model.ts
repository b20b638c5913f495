/**
 * Letter telling a victim who could not be contacted that their report is being filed (SOP 3.2.10.1).
 *
 * A filing letter may be sent only when EL-FILING-LETTER permits it (not for serious sexual offences or
 * vulnerable or intimidated victims) or a supervisor has approved a recorded justification, and only
 * once the officer has confirmed that the address is current and safe to write to. The model refuses
 * to build the letter otherwise, so no code path can print one by mistake.
 */
import type { LetterBaseInput, LetterDocument } from './letter.types.js';
import {
  EMERGENCY_PARAGRAPH,
  buildLetter,
  checkBaseInput,
  contactOfficerParagraph,
  formatLetterDate,
  supportServiceBlocks,
} from './letter-parts.model.js';

/** Either EL-FILING-LETTER permits a letter, or a supervisor approved a recorded justification. */
export type FilingLetterAuthority = { permitted: true } | { supervisorApprovedJustification: string };

export interface FilingLetterInput extends LetterBaseInput {
  authority: FilingLetterAuthority;
  /** The officer confirmed the address is current and safe to post to (domestic abuse especially). */
  addressConfirmedSafe: true;
  /** `YYYY-MM-DD`: when the crime was reported. */
  reportedOn: string;
  /** Plain words for what was reported, e.g. "the damage to your car". Optional. */
  offenceDescription?: string;
  /** How we tried to reach the victim, in plain words, e.g. "phone calls from a number that is not withheld". */
  contactAttempts?: string[];
}

export type FilingLetterRefusalReason = 'not-permitted' | 'address-not-confirmed-safe';

/** Thrown when a filing letter is asked for but may not be sent. */
export class FilingLetterNotPermittedError extends Error {
  readonly code = 'FILING_LETTER_NOT_PERMITTED';
  readonly rule = 'EL-FILING-LETTER';
  readonly source = 'SOP 3.2.10.1';
  constructor(readonly reasons: FilingLetterRefusalReason[]) {
    super(
      `A filing letter cannot be produced: ${reasons
        .map((r) =>
          r === 'not-permitted'
            ? 'a letter is not permitted for this victim (EL-FILING-LETTER: serious sexual offence, or a vulnerable or intimidated victim) and no supervisor-approved justification is recorded'
            : 'the address has not been confirmed as current and safe to write to',
        )
        .join('; and ')}. Tell the victim in person or by phone instead, or record the missing step first.`,
    );
    this.name = 'FilingLetterNotPermittedError';
  }
}

/** Why a filing letter may not be built from this input; empty when it may. Checks at run time too. */
export function filingLetterRefusalReasons(input: {
  authority?: unknown;
  addressConfirmedSafe?: unknown;
}): FilingLetterRefusalReason[] {
  const reasons: FilingLetterRefusalReason[] = [];
  const a = input.authority as { permitted?: unknown; supervisorApprovedJustification?: unknown } | undefined;
  const permitted =
    typeof a === 'object' &&
    a !== null &&
    (a.permitted === true ||
      (typeof a.supervisorApprovedJustification === 'string' &&
        a.supervisorApprovedJustification.trim() !== ''));
  if (!permitted) reasons.push('not-permitted');
  if (input.addressConfirmedSafe !== true) reasons.push('address-not-confirmed-safe');
  return reasons;
}

export function filingLetter(input: FilingLetterInput): LetterDocument {
  const reasons = filingLetterRefusalReasons(input);
  if (reasons.length > 0) {
    throw new FilingLetterNotPermittedError(reasons);
  }
  checkBaseInput(input);
  const reported = formatLetterDate(input.reportedOn);
  const what = input.offenceDescription?.trim() ? ` of ${input.offenceDescription.trim()}` : '';
  const attempts = (input.contactAttempts ?? []).map((a) => a.trim()).filter((a) => a !== '');

  return buildLetter(input, 'filing', 'We have not been able to contact you about your crime report', [
    {
      type: 'paragraph',
      text: `We are writing about your report${what}, made on ${reported} (crime reference ${input.urn.trim()}). We have tried to contact you to talk about the investigation, but we have not been able to reach you.`,
    },
    ...(attempts.length > 0
      ? [
          { type: 'paragraph' as const, text: 'We have tried to contact you by:' },
          { type: 'list' as const, items: attempts },
        ]
      : []),
    { type: 'heading', text: 'What happens now' },
    {
      type: 'paragraph',
      text: 'We cannot take the investigation any further without speaking to you, so we are filing your report. This means the investigation is paused. Your report stays on our records and has not been deleted.',
    },
    { type: 'heading', text: 'Your report can be reopened' },
    {
      type: 'paragraph',
      text: 'If you get in touch with us, or if new information comes to light, the investigation can be reopened. There is no deadline for contacting us, and you do not have to explain why we could not reach you.',
    },
    { type: 'heading', text: 'How to get in touch' },
    { type: 'paragraph', text: contactOfficerParagraph(input) },
    {
      type: 'paragraph',
      text: 'If it is not safe for us to contact you at this address, or by phone, tell us how and when we can safely contact you.',
    },
    ...supportServiceBlocks(input),
    { type: 'heading', text: 'If you need help urgently' },
    { type: 'paragraph', text: EMERGENCY_PARAGRAPH },
  ]);
}
