/** Pieces shared by the letter models: dates in words, the letter frame, contact and support wording. */
import type {
  ContactRoute,
  LetterBaseInput,
  LetterBlock,
  LetterDocument,
  LetterKind,
  LetterReference,
  SupportService,
} from './letter.types.js';
import { MONTH_NAMES as MONTHS } from '../../domain/calendar/london-time.js';

/** Victim Support's free national Supportline, used when the force profile names no local service. */
export const VICTIM_SUPPORT_NATIONAL: SupportService = {
  name: 'Victim Support',
  phone: '0808 168 9111',
  website: 'www.victimsupport.org.uk',
  description:
    'Victim Support is an independent charity. Its help is free and confidential, and you can contact it whether or not you have spoken to us, and however long ago the crime happened.',
};

/** Where the full Victims' Code is published. */
export const VICTIMS_CODE_URL =
  'www.gov.uk/government/publications/the-code-of-practice-for-victims-of-crime';

/** The 12 rights of the Code of Practice for Victims of Crime (2020), in plain words. */
export const VICTIMS_CODE_RIGHTS: readonly string[] = [
  'to be able to understand and to be understood, with an interpreter if you need one',
  'to have the details of the crime recorded without unjustified delay',
  'to be given information when you report the crime',
  'to be referred to services that support victims, with support suited to your needs',
  'to be given information about compensation',
  'to be given information about the investigation and any prosecution',
  'to make a Victim Personal Statement, saying how the crime has affected you',
  'to be given information about the trial, the trial process and your role as a witness',
  'to be given information about the outcome of the case and any appeals',
  'to be paid expenses and to have your property returned',
  'to be given information about the offender after a conviction',
  'to make a complaint if you feel your rights have not been met',
];

/** Thrown when a letter model is given input it cannot make a sound letter from. */
export class LetterInputError extends Error {
  readonly code = 'LETTER_INPUT_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'LetterInputError';
  }
}

/** `2026-06-03` → `3 June 2026`. Pure: no time zone, the string is already a London local date. */
export function formatLetterDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) {
    throw new LetterInputError(`Expected a date as YYYY-MM-DD, got "${isoDate}".`);
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new LetterInputError(`"${isoDate}" is not a real calendar date.`);
  }
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

export function requireText(value: string | undefined, what: string): string {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') {
    throw new LetterInputError(`A letter needs ${what}.`);
  }
  return trimmed;
}

/** Checks the fields every letter needs, so a letter never goes out with a blank reference or signature. */
export function checkBaseInput(input: LetterBaseInput): void {
  requireText(input.urn, 'a crime reference (URN)');
  requireText(input.recipient.name, "the recipient's name");
  if (input.recipient.addressLines.filter((l) => l.trim() !== '').length === 0) {
    throw new LetterInputError("A letter needs the recipient's address.");
  }
  requireText(input.officer.name, "the officer's name");
  requireText(input.officer.phone, "the officer's phone number");
  requireText(input.officer.email, "the officer's email address");
  requireText(input.force.name, 'the force name');
}

/** "PC 1234 Sam Patel" style name line for use in running text. */
export function officerInText(input: LetterBaseInput): string {
  const { rankOrRole, name, collarNumber } = input.officer;
  return [rankOrRole, collarNumber, name].filter((p) => p !== undefined && p.trim() !== '').join(' ');
}

/** The paragraph telling the victim how to reach the officer, quoting the reference. */
export function contactOfficerParagraph(input: LetterBaseInput, who: string = officerInText(input)): string {
  return (
    `You can contact ${who} by phone on ${input.officer.phone} or by email at ` +
    `${input.officer.email}. You can also call ${input.force.name} on ${input.force.phone}. ` +
    `Please quote the crime reference ${input.urn.trim()}.`
  );
}

export const EMERGENCY_PARAGRAPH =
  'If you are in danger or a crime is happening now, call 999. If you cannot speak, call 999 from a mobile, listen to the questions and then press 55 when asked.';

export function supportServiceBlocks(input: LetterBaseInput): LetterBlock[] {
  const service = input.force.victimSupport ?? VICTIM_SUPPORT_NATIONAL;
  return [
    { type: 'heading', text: 'Support for you' },
    { type: 'paragraph', text: service.description },
    {
      type: 'paragraph',
      text: `You can call ${service.name} free on ${service.phone} or visit ${service.website}.`,
    },
  ];
}

/** "by phone on X, by email at Y, online at Z or by post to A, B" */
export function describeContactRoute(route: ContactRoute): string | null {
  const parts: string[] = [];
  if (route.phone) parts.push(`by phone on ${route.phone}`);
  if (route.email) parts.push(`by email at ${route.email}`);
  if (route.website) parts.push(`online at ${route.website}`);
  if (route.postalAddressLines && route.postalAddressLines.length > 0) {
    parts.push(`by post to ${route.postalAddressLines.join(', ')}`);
  }
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0] ?? null;
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

/** Assembles the frame every letter shares; the models supply the title, references and body. */
export function buildLetter(
  input: LetterBaseInput,
  kind: LetterKind,
  title: string,
  body: LetterBlock[],
  extraReferences: LetterReference[] = [],
): LetterDocument {
  const dateText = formatLetterDate(input.date);
  const salutationName = input.recipient.salutationName?.trim() || input.recipient.name.trim();
  const collar = input.officer.collarNumber?.trim();
  return {
    kind,
    title,
    // Every letter carries personal and crime details, so every letter is marked (SOP 3.2.10.1).
    marking: 'CONFIDENTIAL',
    letterhead: {
      forceName: input.force.name,
      addressLines: [...input.force.addressLines],
      phone: input.force.phone,
      website: input.force.website,
    },
    addressee: {
      name: input.recipient.name.trim(),
      addressLines: input.recipient.addressLines.map((l) => l.trim()).filter((l) => l !== ''),
    },
    date: input.date,
    dateText,
    references: [{ label: 'Crime reference', value: input.urn.trim() }, ...extraReferences],
    salutation: `Dear ${salutationName}`,
    body,
    signOff: {
      closing: 'Yours sincerely',
      name: input.officer.name.trim(),
      rankOrRole: input.officer.rankOrRole.trim(),
      collarNumber: collar ? collar : null,
      phone: input.officer.phone.trim(),
      email: input.officer.email.trim(),
    },
  };
}

/** Plain text of a letter in reading order: for previews, copies on the record, and tests. */
export function letterToPlainText(letter: LetterDocument): string {
  const lines: string[] = [];
  if (letter.marking) lines.push(letter.marking, '');
  lines.push(letter.letterhead.forceName, ...letter.letterhead.addressLines);
  lines.push(`Telephone: ${letter.letterhead.phone}`, letter.letterhead.website, '');
  lines.push(letter.addressee.name, ...letter.addressee.addressLines, '');
  lines.push(letter.dateText, '');
  for (const ref of letter.references) lines.push(`${ref.label}: ${ref.value}`);
  lines.push('', letter.title, '', letter.salutation, '');
  for (const block of letter.body) {
    if (block.type === 'list') {
      for (const item of block.items) lines.push(`• ${item}`);
    } else {
      lines.push(block.text);
    }
    lines.push('');
  }
  lines.push(letter.signOff.closing, '', letter.signOff.name, signOffRoleLine(letter));
  lines.push(`Telephone: ${letter.signOff.phone}`, `Email: ${letter.signOff.email}`);
  return lines.join('\n');
}

/** "PC, collar number 1234" */
export function signOffRoleLine(letter: LetterDocument): string {
  const { rankOrRole, collarNumber } = letter.signOff;
  return collarNumber ? `${rankOrRole}, collar number ${collarNumber}` : rankOrRole;
}
