/**
 * The facts of one investigation, as the rules engine reads them: the domain form of the case-history
 * format (victim-care/case-history@1). Instants are ISO 8601 strings in UTC (`Date#toISOString()` form);
 * dates are `YYYY-MM-DD` London local dates. Adapters (the file reader, the store) produce this shape.
 */

export const OFFENCE_CATEGORIES = [
  'homicide',
  'attempted-murder',
  'gbh-with-intent',
  'violence-with-injury',
  'violence-without-injury',
  'threats-to-kill',
  'sexual',
  'modern-slavery',
  'human-trafficking',
  'kidnap',
  'false-imprisonment',
  'arson-endanger-life',
  'robbery',
  'stalking-harassment',
  'weapons',
  'burglary',
  'theft',
  'vehicle-crime',
  'criminal-damage',
  'threat-to-damage-property',
  'fraud',
  'public-order',
  'drugs',
  'other',
] as const;
export type OffenceCategory = (typeof OFFENCE_CATEGORIES)[number];

export const CONTACT_METHODS = ['phone', 'in-person', 'video', 'email', 'text', 'letter'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const CONTACT_PURPOSES = [
  'initial-contact',
  'mandatory-update',
  'investigative-update',
  'other',
] as const;
export type ContactPurpose = (typeof CONTACT_PURPOSES)[number];

export const VULNERABILITIES = ['mental-disorder', 'impairment', 'physical-disability'] as const;
export type Vulnerability = (typeof VULNERABILITIES)[number];

export const RELATIONSHIPS_TO_SUSPECT = [
  'spouse',
  'civil-partner',
  'former-spouse',
  'former-civil-partner',
] as const;
export type RelationshipToSuspect = (typeof RELATIONSHIPS_TO_SUSPECT)[number];

export const SUPPORT_SERVICES = [
  'victim-support',
  'isva',
  'idva',
  'homicide-service',
  'registered-intermediary',
  'witness-service',
  'restorative-justice',
  'other',
] as const;
export type SupportService = (typeof SUPPORT_SERVICES)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Offence {
  category: OffenceCategory;
  description?: string;
}

export interface InvestigationFacts {
  urn: string;
  reportedAt: string;
  offenceDate?: string | null;
  offences: Offence[];
  flags: { domesticAbuse: boolean; hateCrime: boolean; terrorism: boolean };
  anticipatedPlea?: 'guilty' | 'not-guilty' | null;
}

export interface TimeWindow {
  days: Weekday[];
  /** `HH:MM` London local time, inclusive. */
  from: string;
  /** `HH:MM` London local time, exclusive; earlier than `from` means the window runs past midnight. */
  to: string;
}

export interface VictimContract {
  preferredMethod?: ContactMethod | null;
  updateFrequencyDays?: number | null;
  timesToAvoid?: TimeWindow[];
  enhancedRecorded?: boolean;
}

export interface PersonFacts {
  id: string;
  role: 'victim' | 'witness';
  kind: 'person' | 'business';
  name?: string;
  dateOfBirth?: string | null;
  vulnerabilities?: Vulnerability[];
  fearOrDistress?: boolean;
  persistentlyTargeted?: boolean;
  bereavedCloseRelative?: boolean;
  relationshipToSuspect?: RelationshipToSuspect | null;
  /** Business victims: the named point of contact through whom they receive Code services. */
  namedContact?: string | null;
  publicSector?: boolean;
  contract?: VictimContract;
}

interface EventBase {
  id: string;
  /** ISO instant. */
  at: string;
}
interface PersonEventBase extends EventBase {
  person: string;
}

export interface ContactEvent extends PersonEventBase {
  type: 'contact';
  method: ContactMethod;
  outcome: 'successful' | 'unsuccessful';
  purposes: ContactPurpose[];
  informs?: string[];
  summary?: string | null;
}
export interface NeedsAssessmentEvent extends PersonEventBase {
  type: 'needs-assessment';
  urn: string;
  personName?: string | null;
  dateOfBirth?: string | null;
  /** The VNA's answers (ASSESSMENT structure), by question; not read by the rules. */
  assessment?: Record<string, string>;
}
export interface SimplePersonEvent extends PersonEventBase {
  type:
    | 'victim-care-card'
    | 'statement'
    | 'enhanced-recorded'
    | 'support-referral-declined'
    | 'updates-declined'
    | 'updates-resumed'
    | 'complaint-received'
    | 'vrr-requested'
    | 'non-contact-request-submitted'
    | 'vcs-referral';
}
export interface VpsOfferedEvent extends PersonEventBase {
  type: 'vps-offered';
  accepted?: boolean;
}
export interface SupportReferralEvent extends PersonEventBase {
  type: 'support-referral';
  service: SupportService;
  consent: 'explicit' | 'implied';
}
export const SUSPECT_EVENT_TYPES = [
  'suspect-arrested',
  'suspect-interviewed',
  'suspect-released-nfa',
  'suspect-bailed',
  'suspect-released-under-investigation',
  'bail-conditions-changed',
  'decision-not-to-investigate',
  'out-of-court-disposal',
  'decision-not-to-charge',
  'investigation-filed',
] as const;
export interface InvestigationEvent extends EventBase {
  type: (typeof SUSPECT_EVENT_TYPES)[number] | 'hearing-date-received' | 'outcome-received';
}
export interface VwcuHandoverEvent extends EventBase {
  type: 'vwcu-handover';
  /** The handover package (SOP 3.3.1); not read by the rules. */
  handover?: {
    witnesses?: string | null;
    specialMeasures?: string | null;
    needs?: string | null;
    availability?: string | null;
  };
}
/** Workflow records the rules ignore (special measures, disengagement, filing sign-off): timeline and audit only. */
export interface WorkflowRecordEvent extends PersonEventBase {
  type:
    | 'special-measures-discussed'
    | 'special-measures-applied'
    | 'special-measures-outcome'
    | 'disengagement-reviewed'
    | 'filing-signed-off';
  measures?: string[];
  granted?: boolean;
  avenues?: string[];
  welfareRiskConsidered?: boolean;
  elpConsidered?: boolean;
  addressVerified?: boolean;
  letterJustificationApproved?: boolean;
  justification?: string | null;
  summary?: string | null;
}
export interface ChargeEvent extends EventBase {
  type: 'suspect-charged';
  firstHearingDate?: string | null;
}
export interface SentenceEvent extends EventBase {
  type: 'sentence';
  custodyMonths: number;
  hospitalOrder?: boolean;
  offenceCategory: OffenceCategory;
}
export interface ComplaintRespondedEvent extends PersonEventBase {
  type: 'complaint-responded';
  complaint: string;
}
export interface VrrAnswerEvent extends PersonEventBase {
  type: 'vrr-acknowledged' | 'vrr-decided';
  request: string;
}
export interface PrisonBlockEvent extends PersonEventBase {
  type: 'prison-contact-block-in-place';
  request: string;
}
export interface FilingLetterEvent extends PersonEventBase {
  type: 'filing-letter-sent';
  justificationApproved?: boolean;
}

export type CaseEvent =
  | ContactEvent
  | NeedsAssessmentEvent
  | SimplePersonEvent
  | VpsOfferedEvent
  | SupportReferralEvent
  | InvestigationEvent
  | VwcuHandoverEvent
  | WorkflowRecordEvent
  | ChargeEvent
  | SentenceEvent
  | ComplaintRespondedEvent
  | VrrAnswerEvent
  | PrisonBlockEvent
  | FilingLetterEvent;

export type EventType = CaseEvent['type'];

export interface CaseHistory {
  format: 'victim-care/case-history@1';
  asOf?: string | null;
  investigation: InvestigationFacts;
  people: PersonFacts[];
  events: CaseEvent[];
}
