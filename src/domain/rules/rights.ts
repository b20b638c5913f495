/**
 * The Code's 12 rights, which obligation rules measure each of them, and how the compliance returns group
 * the rules. Pure data with its sources, so a report counts what the rulebook says and nothing else.
 *
 * Sources: Code of Practice for Victims of Crime in England and Wales (Ministry of Justice, 2020, in force
 * 1 April 2021), "Overview of the Victims' Code Rights" (Rights 1-12); Kent Police SOP N15a sections 3.2-3.4;
 * RULEBOOK section 4 (obligation rules) and section 7 (compliance measures: the MoJ's earlier quarterly
 * returns; the Victims and Prisoners Act 2024 duty to collect and share compliance data with PCCs).
 */
import type { ObligationRuleId } from './rule-pack.types.js';

export type RightNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;

export interface VictimsCodeRight {
  number: RightNumber;
  /** Short name, e.g. "Understanding". */
  name: string;
  /** The right as the Code states it. */
  text: string;
  source: string;
  /** The obligation rules whose deadlines evidence this right (empty: no deadline measures it). */
  rules: readonly ObligationRuleId[];
}

const CODE = "Victims' Code 2020";

export const VICTIMS_CODE_RIGHTS_TABLE: readonly VictimsCodeRight[] = [
  {
    number: 1,
    name: 'Understanding',
    text: 'To be able to understand and to be understood',
    source: `${CODE}, Right 1`,
    rules: [],
  },
  {
    number: 2,
    name: 'Crime recorded',
    text: 'To have the details of the crime recorded without unjustified delay',
    source: `${CODE}, Right 2`,
    rules: [],
  },
  {
    number: 3,
    name: 'Information when reporting',
    text: 'To be provided with information when reporting the crime (written acknowledgement)',
    source: `${CODE}, Right 3; SOP 3.2.4`,
    rules: ['OB-VICTIM-CARE-CARD'],
  },
  {
    number: 4,
    name: 'Referral to support services',
    text: 'To be referred to services that support victims and have services and support tailored to your needs',
    source: `${CODE}, Right 4; SOP 3.2.3, 3.2.11`,
    rules: ['OB-SUPPORT-REFERRAL', 'OB-NEEDS-ASSESSMENT'],
  },
  {
    number: 5,
    name: 'Compensation',
    text: 'To be provided with information about compensation',
    source: `${CODE}, Right 5; SOP 3.2.13`,
    rules: [],
  },
  {
    number: 6,
    name: 'Investigation and prosecution',
    text: 'To be provided with information about the investigation and prosecution (including the Victims’ Right to Review)',
    source: `${CODE}, Right 6; SOP 3.2.2, 3.2.10, 3.2.17`,
    rules: [
      'OB-INITIAL-CONTACT',
      'OB-MANDATORY-UPDATE',
      'OB-INVESTIGATIVE-UPDATE',
      'OB-VRR-ACK',
      'OB-VRR-DECISION',
    ],
  },
  {
    number: 7,
    name: 'Victim Personal Statement',
    text: 'To make a Victim Personal Statement',
    source: `${CODE}, Right 7; SOP 3.2.9`,
    rules: ['OB-VPS-OFFER'],
  },
  {
    number: 8,
    name: 'Trial and witness role',
    text: 'To be given information about the trial, trial process and your role as a witness',
    source: `${CODE}, Right 8; SOP 3.3.1`,
    rules: ['OB-VWCU-HANDOVER', 'OB-HEARING-NOTICE'],
  },
  {
    number: 9,
    name: 'Outcome and appeals',
    text: 'To be given information about the outcome of the case and any appeals',
    source: `${CODE}, Right 9`,
    rules: ['OB-OUTCOME-NOTICE'],
  },
  {
    number: 10,
    name: 'Expenses and property',
    text: 'To be paid expenses and have property returned',
    source: `${CODE}, Right 10`,
    rules: [],
  },
  {
    number: 11,
    name: 'Information about the offender',
    text: 'To be given information about the offender following a conviction',
    source: `${CODE}, Right 11; SOP 3.2.17, 3.3.4`,
    rules: ['OB-VCS-REFERRAL', 'OB-PRISON-BLOCK'],
  },
  {
    number: 12,
    name: 'Complaints',
    text: 'To make a complaint about your rights not being met',
    source: `${CODE}, Right 12; SOP 3.4`,
    rules: ['OB-COMPLAINT-RESPONSE'],
  },
];

/** Every obligation rule with a deadline, in the order reports list them. */
export const REPORTED_OBLIGATION_RULES: readonly ObligationRuleId[] = VICTIMS_CODE_RIGHTS_TABLE.flatMap(
  (r) => r.rules,
);

/** The right an obligation rule evidences (each rule evidences exactly one). */
export function rightOfRule(rule: string): VictimsCodeRight | undefined {
  return VICTIMS_CODE_RIGHTS_TABLE.find((r) => (r.rules as readonly string[]).includes(rule));
}

/**
 * The MoJ's earlier quarterly return asked five questions per victim (RULEBOOK section 7). Each is answered
 * from the obligations the victim was owed that fell due in the quarter:
 * - `all-on-time`: yes when every such obligation was met by its due date (timely updates);
 * - `discharged`: yes when every such obligation was met, on time or late (the service was given).
 * `evidence` (optional) narrows what discharges it: a referral must be an actual `support-referral`
 * event, not a recorded decline.
 */
export interface MojReturnArea {
  id: 'written-acknowledgement' | 'referral' | 'timely-updates' | 'vps-offered' | 'release-information';
  question: string;
  rules: readonly ObligationRuleId[];
  yesWhen: 'all-on-time' | 'discharged';
  evidence?: { eventType: string };
  source: string;
}

export const MOJ_RETURN_AREAS: readonly MojReturnArea[] = [
  {
    id: 'written-acknowledgement',
    question: 'Received a written acknowledgement of the crime report',
    rules: ['OB-VICTIM-CARE-CARD'],
    yesWhen: 'discharged',
    source: `${CODE}, Right 3; SOP 3.2.4 (Victim Care Card: the written confirmation)`,
  },
  {
    id: 'referral',
    question: 'Referred to support services',
    rules: ['OB-SUPPORT-REFERRAL'],
    yesWhen: 'discharged',
    evidence: { eventType: 'support-referral' },
    source: `${CODE}, Right 4; SOP 3.2.11`,
  },
  {
    id: 'timely-updates',
    question: 'Updated within the timescales (mandatory and investigative updates on time)',
    rules: ['OB-MANDATORY-UPDATE', 'OB-INVESTIGATIVE-UPDATE'],
    yesWhen: 'all-on-time',
    source: `${CODE}, Right 6; SOP 3.2.10`,
  },
  {
    id: 'vps-offered',
    question: 'Offered the chance to make a Victim Personal Statement',
    rules: ['OB-VPS-OFFER'],
    yesWhen: 'discharged',
    source: `${CODE}, Right 7; SOP 3.2.9`,
  },
  {
    id: 'release-information',
    question: "Told about the offender's release in advance (referred to the Victim Contact Scheme)",
    rules: ['OB-VCS-REFERRAL'],
    yesWhen: 'discharged',
    source: `${CODE}, Right 11; SOP 3.3.4`,
  },
];

/**
 * The under-18 breakdown: a victim's age at the time of the offence, from the date of birth and the
 * offence date (the report date where the offence date is unknown), as EL-ENHANCED reads "vulnerable"
 * (RULEBOOK section 3). People without a recorded date of birth are counted as "age not recorded".
 */
export const UNDER_18_BREAKDOWN = {
  ageLimit: 18,
  source: 'RULEBOOK section 3 (EL-ENHANCED, vulnerable: under 18 at the time of the offence); section 7',
} as const;

/**
 * The enhanced breakdown: a victim entitled to enhanced rights (EL-ENHANCED). Reports read it from the
 * derived record: a victim whose enhanced status is recorded, or for whom the engine raised
 * F-ENHANCED-NOT-RECORDED (entitled but not recorded).
 */
export const ENHANCED_BREAKDOWN = {
  findingCode: 'F-ENHANCED-NOT-RECORDED',
  source: 'RULEBOOK sections 3 and 8 (EL-ENHANCED; F-ENHANCED-NOT-RECORDED)',
} as const;
