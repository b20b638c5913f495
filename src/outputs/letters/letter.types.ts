/**
 * Letters as data: every letter model returns a `LetterDocument`, a structured document that the PDF
 * renderer (or an HTML preview, or a test) reads. Nothing here knows about pdfkit.
 */

/** The force's letterhead, from configuration. */
export interface ForceProfile {
  /** e.g. "Kent Police" */
  name: string;
  /** Postal address of the force headquarters, one line each, postcode last. */
  addressLines: string[];
  /** Non-emergency number shown on the letterhead, e.g. "101". */
  phone: string;
  /** e.g. "www.kent.police.uk" */
  website: string;
  /**
   * Where a victim asks for a review under the Victims' Right to Review scheme. When absent, the letter
   * tells the victim to contact the officer named in the letter.
   */
  rightToReview?: ContactRoute;
  /** Local victim support service; defaults to the national Victim Support Supportline. */
  victimSupport?: SupportService;
}

/** A route a member of the public can use: any combination of these. */
export interface ContactRoute {
  phone?: string;
  email?: string;
  website?: string;
  postalAddressLines?: string[];
}

export interface SupportService {
  name: string;
  phone: string;
  website: string;
  /** One plain sentence on what the service does. */
  description: string;
}

/** The person who signs the letter and whom the victim contacts. */
export interface OfficerContact {
  name: string;
  /** e.g. "PC", "DC", "Investigation Officer", "Professional Standards Department" */
  rankOrRole: string;
  /** Collar (warrant or staff) number; omitted for staff without one. */
  collarNumber?: string;
  phone: string;
  /** A force email address (never a personal one: SOP 3.2.10.1). */
  email: string;
}

export interface Recipient {
  /** Full name as addressed on the envelope, e.g. "Ms Jane Smith". */
  name: string;
  /** Used after "Dear"; defaults to `name`. */
  salutationName?: string;
  addressLines: string[];
}

/** What every letter model needs. */
export interface LetterBaseInput {
  force: ForceProfile;
  officer: OfficerContact;
  recipient: Recipient;
  /** Crime reference number (URN) of the investigation. */
  urn: string;
  /** Date of the letter, `YYYY-MM-DD` (a London local date). */
  date: string;
}

export type LetterKind =
  'crime-report-confirmation' | 'filing' | 'no-further-action' | 'complaint-acknowledgement';

/** One block of the letter body, in reading order. */
export type LetterBlock =
  { type: 'heading'; text: string } | { type: 'paragraph'; text: string } | { type: 'list'; items: string[] };

export interface LetterReference {
  label: string;
  value: string;
}

export interface LetterDocument {
  kind: LetterKind;
  /** The letter's heading (H1) and the PDF's document title. */
  title: string;
  /** Protective marking printed at the top of every page; `null` for none. */
  marking: 'CONFIDENTIAL' | null;
  letterhead: {
    forceName: string;
    addressLines: string[];
    phone: string;
    website: string;
  };
  addressee: { name: string; addressLines: string[] };
  /** `YYYY-MM-DD` */
  date: string;
  /** The date as printed, e.g. "3 June 2026". */
  dateText: string;
  /** Reference lines, the crime reference (URN) first. */
  references: LetterReference[];
  salutation: string;
  body: LetterBlock[];
  signOff: {
    closing: string;
    name: string;
    rankOrRole: string;
    collarNumber: string | null;
    phone: string;
    email: string;
  };
}
