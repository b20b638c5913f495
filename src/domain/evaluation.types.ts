/** What the rules engine returns for one case history: eligibility, obligations and findings. */
import type { ContactMethod } from './case-history/case-history.types.js';

export type ObligationStatus = 'met' | 'met-late' | 'overdue' | 'due' | 'not-required';
export type SpecialMeasure = 's23' | 's24' | 's25' | 's26' | 's27' | 's28' | 's29' | 's30';
export type EnhancedReason =
  'most-serious-crime' | 'bereaved-close-relative' | 'persistently-targeted' | 'vulnerable' | 'intimidated';

/** One eligibility decision with its rule and why, for showing to a person. */
export interface Decision<T> {
  value: T;
  rule: string;
  source: string;
  reasons: string[];
}

export interface PersonEligibility {
  id: string;
  enhanced: boolean;
  enhancedReasons: EnhancedReason[];
  specialMeasures: SpecialMeasure[];
  referralConsent: 'explicit' | 'implied';
  vcsEligible: boolean;
  compellable: boolean;
  filingLetterPermitted: boolean;
  statementKind: 'vps' | 'impact-statement-for-business' | null;
  cicaDeadline: string | null;
  /** Every decision above with its rule id, citation and plain-words reasons. */
  decisions: {
    enhanced: Decision<boolean>;
    specialMeasures: Decision<SpecialMeasure[]>;
    referralConsent: Decision<'explicit' | 'implied'>;
    vcsEligible: Decision<boolean>;
    compellable: Decision<boolean>;
    filingLetterPermitted: Decision<boolean>;
    statementKind: Decision<'vps' | 'impact-statement-for-business' | null>;
    cicaDeadline: Decision<string | null>;
  };
}

export type ObligationOwner = 'oic' | 'imu' | 'vwcu' | 'hmpps';

export interface Obligation {
  rule: string;
  /** The person owed, or null for an investigation-level obligation (VWCU handover). */
  person: string | null;
  /** The triggering event's id, or null for rules without one. */
  trigger: string | null;
  dueDate: string;
  status: ObligationStatus;
  metAt: string | null;
  /** The event that discharged it, when met. */
  metBy: string | null;
  source: string;
  owner: ObligationOwner;
  /** Plain words: what is owed, e.g. "Tell the victim about the arrest". */
  title: string;
}

export interface Finding {
  code: string;
  person: string | null;
  rule: string | null;
  /** The event the finding is about, where there is one. */
  event: string | null;
  message: string;
  source: string;
}

export interface Evaluation {
  rulePack: string;
  asOf: string;
  people: PersonEligibility[];
  obligations: Obligation[];
  findings: Finding[];
}

export type { ContactMethod };
