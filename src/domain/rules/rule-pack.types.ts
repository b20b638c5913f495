/** The shape of a rule pack: the Code's rules as data, completed by a force's local policy. */
import type {
  ContactMethod,
  ContactPurpose,
  EventType,
  OffenceCategory,
} from '../case-history/case-history.types.js';
import type { ObligationOwner } from '../evaluation.types.js';

interface RuleBase {
  source: string;
  title: string;
}
interface Owned extends RuleBase {
  owner: ObligationOwner;
}

export interface RuleDefinitions {
  'EL-ENHANCED': RuleBase;
  'EL-SPECIAL-MEASURES': RuleBase;
  'EL-VPS': RuleBase;
  'EL-REFERRAL-CONSENT': RuleBase;
  'EL-VCS': RuleBase & { minCustodyMonths: number };
  'EL-COMPELLABILITY': RuleBase;
  'EL-FILING-LETTER': RuleBase;
  'EL-CICA': RuleBase & { applicationYears: number; childBirthdayLimit: number };
  'OB-INITIAL-CONTACT': Owned & { dueCalendarDays: number; methodsAlwaysAllowed: ContactMethod[] };
  'OB-SUPPORT-REFERRAL': Owned & { dueWorkingDays: number };
  'OB-NEEDS-ASSESSMENT': Owned & { dueCalendarDays: number };
  'OB-VICTIM-CARE-CARD': Owned & { dueCalendarDays: number };
  'OB-MANDATORY-UPDATE': Owned & {
    dueWorkingDays: number;
    dueWorkingDaysEnhanced: number;
    /** Trigger event type → what the victim must be told ("about the arrest"). */
    triggers: Partial<Record<EventType, string>>;
    /** Triggers owed only to the person the event concerns. */
    personalTriggers: EventType[];
  };
  'OB-INVESTIGATIVE-UPDATE': Owned & {
    defaultFrequencyDays: number;
    maxFrequencyDays: number;
    qualifyingPurposes: ContactPurpose[];
    closingEvents: EventType[];
  };
  'OB-VPS-OFFER': Owned;
  'OB-VWCU-HANDOVER': Owned & { dueWorkingDays: number };
  'OB-HEARING-NOTICE': Owned & { dueWorkingDays: number };
  'OB-OUTCOME-NOTICE': Owned & { dueWorkingDays: number };
  'OB-COMPLAINT-RESPONSE': Owned & { dueWorkingDays: number };
  'OB-VRR-ACK': Owned & { dueWorkingDays: number };
  'OB-VRR-DECISION': Owned & { dueWorkingDays: number };
  'OB-PRISON-BLOCK': Owned & { dueWorkingDays: number };
  'OB-VCS-REFERRAL': Owned & { dueWorkingDays: number };
  'F-SINGLE-ATTEMPT': RuleBase & { minAttempts: number };
  'F-EMAIL-NOT-PREFERRED': RuleBase;
  'F-SUMMARY-INSUFFICIENT': RuleBase & { minWords: number; bareFormulas: string[] };
  'F-TIMES-TO-AVOID': RuleBase;
  'F-ENHANCED-NOT-RECORDED': RuleBase;
  'F-REFERRAL-WITHOUT-CONSENT': RuleBase;
  'F-FILING-LETTER-NOT-PERMITTED': RuleBase;
  'F-NO-NAMED-CONTACT': RuleBase;
  'F-VNA-MISMATCH': RuleBase;
}

export type RuleId = keyof RuleDefinitions;
export type ObligationRuleId = Extract<RuleId, `OB-${string}`>;
export type FindingCode = Extract<RuleId, `F-${string}`>;

export type OffenceFlag = 'domesticAbuse' | 'hateCrime' | 'terrorism';

export interface OffenceCategories {
  mostSeriousCrime: OffenceCategory[];
  mostSeriousCrimeFlags: OffenceFlag[];
  bereavementOffences: OffenceCategory[];
  violent: OffenceCategory[];
  sexual: OffenceCategory[];
  modernSlavery: OffenceCategory[];
  knifeOrFirearm: OffenceCategory[];
}

/** A complete pack, ready for the engine: a Code edition with a local policy applied. */
export interface RulePack {
  /** e.g. `victims-code-2020+kent-n15a`. */
  id: string;
  code: { id: string; title: string; inForceFrom: string };
  policy: { id: string; title: string } | null;
  categories: OffenceCategories;
  rules: RuleDefinitions;
}

/** A Code edition as shipped: local-policy numbers may be null until a policy fills them. */
export interface CodePackDocument {
  id: string;
  kind: 'code';
  title: string;
  inForceFrom: string;
  categories: OffenceCategories;
  rules: Record<string, Record<string, unknown>>;
}

/** A force's local policy: values that complete or override the Code pack's rules. */
export interface PolicyPackDocument {
  id: string;
  kind: 'policy';
  title: string;
  appliesTo: string;
  categories?: Partial<OffenceCategories>;
  rules: Record<string, Record<string, unknown>>;
}
