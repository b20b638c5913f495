// The workflow forms of the investigation page: one definition per form (its fields, in page order, and
// how the posted form becomes a case-history event). The SOP section each form serves is in its intro.
// Rules are not decided here: the services and the domain refuse or flag what the SOP forbids.
import {
  CONTACT_METHODS,
  CONTACT_PURPOSES,
  OFFENCE_CATEGORIES,
  SUPPORT_SERVICES,
  SUSPECT_EVENT_TYPES,
} from '../domain/case-history/case-history.types.js';
import {
  EVENT_LABELS,
  METHOD_LABELS,
  OFFENCE_LABELS,
  PURPOSE_LABELS,
  SERVICE_LABELS,
  SPECIAL_MEASURE_LABELS,
} from './event-labels.js';
import { dateInput, list, text, yesNo, type FormBody } from './page-helpers.js';

export interface Item {
  value: string;
  text: string;
  hint?: string;
}

export type FormField =
  | { kind: 'person'; name: 'person'; label: string; roles: ('victim' | 'witness')[]; hint?: string }
  | { kind: 'when'; name: 'at'; label: string; hint?: string }
  | {
      kind: 'radios' | 'checkboxes';
      name: string;
      label: string;
      items: Item[];
      hint?: string;
      inline?: boolean;
    }
  | { kind: 'event-ref'; name: string; label: string; eventTypes: string[]; hint?: string }
  | { kind: 'informs'; name: 'informs'; label: string; hint?: string }
  | { kind: 'textarea' | 'text'; name: string; label: string; hint?: string; width?: string }
  | { kind: 'date'; name: string; label: string; hint?: string }
  | { kind: 'yes-no'; name: string; label: string; hint?: string };

export interface Built {
  /** the event's own fields (type and details; `at` and `person` are added from the common fields) */
  event: Record<string, unknown>;
  errors: Record<string, string>;
}

export interface RecordForm {
  slug: string;
  title: string;
  /** what it is for, with the SOP reference */
  intro: string;
  button: string;
  fields: FormField[];
  build(body: FormBody): Built;
  /** handled by the filing service rather than recordEvent */
  special?: 'filing-sign-off' | 'filing-letter';
}

const items = (values: readonly string[], labels: Readonly<Record<string, string>>): Item[] =>
  values.map((value) => ({ value, text: labels[value] ?? value }));

const YES_NO_ERRORS = (
  body: FormBody,
  name: string,
  message: string,
  errors: Record<string, string>,
): boolean | undefined => {
  const v = yesNo(body, name);
  if (v === undefined) errors[name] = message;
  return v;
};

const person = (
  label = 'Who is it about?',
  roles: ('victim' | 'witness')[] = ['victim', 'witness'],
): FormField => ({ kind: 'person', name: 'person', label, roles });
const when = (label = 'When was it?'): FormField => ({
  kind: 'when',
  name: 'at',
  label,
  hint: 'London time. For example, 27 3 2026 and 14:30',
});
const summary = (
  label = 'Summary',
  hint = 'Say what was done or said, in enough detail for someone else to pick it up.',
): FormField => ({ kind: 'textarea', name: 'summary', label, hint });

function chosen(
  body: FormBody,
  name: string,
  allowed: readonly string[],
  message: string,
  errors: Record<string, string>,
): string | undefined {
  const v = text(body, name);
  if (!allowed.includes(v)) {
    errors[name] = message;
    return undefined;
  }
  return v;
}

const AVENUES: Item[] = [
  { value: 'unwithheld-calls', text: 'Called from a number that is not withheld' },
  { value: 'email', text: 'Emailed' },
  { value: 'text', text: 'Sent a text message' },
  { value: 'visit', text: 'Visited the address' },
  { value: 'neighbours', text: 'Spoke to neighbours, friends or family' },
  { value: 'idva-isva', text: 'Contacted an IDVA or ISVA supporting them' },
  { value: 'housing', text: 'Contacted housing or another partner agency' },
];

const NEEDS_QUESTIONS: { name: string; label: string; hint: string }[] = [
  {
    name: 'communication',
    label: 'Communication and language needs',
    hint: 'Interpreter, intermediary, reading or hearing needs, preferred language',
  },
  {
    name: 'vulnerability',
    label: 'Vulnerability and intimidation',
    hint: 'Age, mental health, disability, fear or distress about giving evidence',
  },
  {
    name: 'safety',
    label: 'Safety and safeguarding',
    hint: 'Risks to them or to children, domestic abuse, repeat victimisation',
  },
  { name: 'support', label: 'Support wanted', hint: 'Victim Support, ISVA, IDVA, other services' },
  {
    name: 'specialMeasures',
    label: 'Special measures to consider',
    hint: 'Screens, live link, video recorded evidence, intermediary',
  },
  {
    name: 'contact',
    label: 'Contact arrangements',
    hint: 'How and when to contact them, times to avoid, who else may be told',
  },
];

export const RECORD_FORMS: readonly RecordForm[] = [
  {
    slug: 'contact',
    title: 'Record a contact',
    intro:
      'Every attempt counts, successful or not (SOP 3.2.2, 3.2.10). Say what was said: “Victim updated” is not enough.',
    button: 'Record contact',
    fields: [
      person('Who did you contact or try to contact?'),
      when('When was it?'),
      {
        kind: 'radios',
        name: 'method',
        label: 'How?',
        items: items(CONTACT_METHODS, METHOD_LABELS),
        hint: 'Initial contact should be by phone or in person unless the victim prefers email.',
        inline: true,
      },
      {
        kind: 'radios',
        name: 'outcome',
        label: 'Did you get through?',
        items: [
          { value: 'successful', text: 'Yes, we spoke or met' },
          { value: 'unsuccessful', text: 'No, no answer or no reply' },
        ],
        inline: true,
      },
      {
        kind: 'checkboxes',
        name: 'purposes',
        label: 'What was it for?',
        items: items(CONTACT_PURPOSES, PURPOSE_LABELS),
        hint: 'Select all that apply.',
      },
      {
        kind: 'informs',
        name: 'informs',
        label: 'Which events did you tell them about?',
        hint: 'Telling them about a suspect event, a hearing date or a court outcome is the update owed for it. Select all that apply.',
      },
      summary(
        'What was said or done?',
        'For example: “Explained the suspect was arrested on Friday and released on bail with conditions not to contact you; next update by 20 March.”',
      ),
    ],
    build(body) {
      const errors: Record<string, string> = {};
      const method = chosen(body, 'method', CONTACT_METHODS, 'Select how the contact was made', errors);
      const outcome = chosen(
        body,
        'outcome',
        ['successful', 'unsuccessful'],
        'Select whether you got through',
        errors,
      );
      const purposes = list(body, 'purposes');
      if (purposes.length === 0) errors['purposes'] = 'Select what the contact was for';
      const informs = list(body, 'informs');
      return {
        event: {
          type: 'contact',
          method,
          outcome,
          purposes,
          ...(informs.length ? { informs } : {}),
          summary: text(body, 'summary') || null,
        },
        errors,
      };
    },
  },
  {
    slug: 'suspect-event',
    title: 'Record a suspect or investigation event',
    intro:
      'Each of these is something the victim must be told about within 5 working days, or 1 if they have enhanced rights (SOP 3.2.10, Code Right 6).',
    button: 'Record event',
    fields: [
      {
        kind: 'radios',
        name: 'type',
        label: 'What happened?',
        items: items([...SUSPECT_EVENT_TYPES, 'hearing-date-received', 'outcome-received'], EVENT_LABELS),
      },
      when('When did it happen?'),
    ],
    build(body) {
      const errors: Record<string, string> = {};
      const type = chosen(
        body,
        'type',
        [...SUSPECT_EVENT_TYPES, 'hearing-date-received', 'outcome-received'],
        'Select what happened',
        errors,
      );
      return { event: { type }, errors };
    },
  },
  {
    slug: 'charge',
    title: 'Record a charge',
    intro:
      'After charge the Victim and Witness Care Unit takes over court updates (SOP 3.3.1). The first hearing date decides special measures by age at the hearing.',
    button: 'Record charge',
    fields: [
      when('When was the suspect charged?'),
      {
        kind: 'date',
        name: 'firstHearingDate',
        label: 'Date of the first hearing',
        hint: 'If you know it. For example, 14 4 2026',
      },
    ],
    build(body) {
      const errors: Record<string, string> = {};
      const d = dateInput(body, 'firstHearingDate');
      if (d === null) errors['firstHearingDate'] = 'Date of the first hearing must be a real date';
      return {
        event: { type: 'suspect-charged', firstHearingDate: d === '' || d === null ? null : d },
        errors,
      };
    },
  },
  {
    slug: 'needs-assessment',
    title: 'Record a victim needs assessment',
    intro:
      'Copy the URN, name and date of birth exactly as written on the completed VNA form. A form that does not match the investigation is refused and must be recompleted (SOP 3.2.3).',
    button: 'Record needs assessment',
    fields: [
      person('Whose assessment is it?'),
      when('When was it completed?'),
      { kind: 'text', name: 'urn', label: 'URN as written on the form', width: 'govuk-input--width-20' },
      {
        kind: 'text',
        name: 'personName',
        label: 'Name as written on the form',
        width: 'govuk-!-width-one-half',
      },
      {
        kind: 'date',
        name: 'dateOfBirth',
        label: 'Date of birth as written on the form',
        hint: 'Leave blank if the form has none',
      },
      ...NEEDS_QUESTIONS.map((q) => ({
        kind: 'textarea' as const,
        name: `assessment-${q.name}`,
        label: q.label,
        hint: q.hint,
      })),
    ],
    build(body) {
      const errors: Record<string, string> = {};
      const urn = text(body, 'urn');
      if (urn === '') errors['urn'] = 'Enter the URN as written on the form';
      const dob = dateInput(body, 'dateOfBirth');
      if (dob === null) errors['dateOfBirth'] = 'Date of birth must be a real date';
      const assessment: Record<string, string> = {};
      for (const q of NEEDS_QUESTIONS) {
        const v = text(body, `assessment-${q.name}`);
        if (v !== '') assessment[q.name] = v;
      }
      return {
        event: {
          type: 'needs-assessment',
          urn,
          personName: text(body, 'personName') || null,
          dateOfBirth: dob || null,
          assessment,
        },
        errors,
      };
    },
  },
  {
    slug: 'victim-care-card',
    title: 'Record that a Victim Care Card was given',
    intro:
      'Give and explain the Victim Care Card at the point of report; do not assume someone else has (SOP 3.2.4).',
    button: 'Record Victim Care Card',
    fields: [person('Who was given the card?', ['victim']), when('When was it given?')],
    build: () => ({ event: { type: 'victim-care-card' }, errors: {} }),
  },
  {
    slug: 'vps',
    title: 'Record a victim personal statement offer',
    intro:
      'Explain the VPS is different from a witness statement. Businesses are offered an impact statement through their named contact (SOP 3.2.9).',
    button: 'Record offer',
    fields: [
      person('Who was offered it?', ['victim']),
      when('When was it offered?'),
      { kind: 'yes-no', name: 'accepted', label: 'Did they accept?' },
    ],
    build(body) {
      const errors: Record<string, string> = {};
      const accepted = YES_NO_ERRORS(body, 'accepted', 'Select yes if they accepted the offer', errors);
      return { event: { type: 'vps-offered', accepted }, errors };
    },
  },
  {
    slug: 'referral',
    title: 'Record a support referral',
    intro:
      'Kent refers to Victim Support on implied consent, except where explicit consent is required (SOP 3.2.11). The person page says which applies.',
    button: 'Record referral',
    fields: [
      person('Who is it for?'),
      when('When was it made or declined?'),
      {
        kind: 'radios',
        name: 'service',
        label: 'Which service?',
        items: [
          ...items(SUPPORT_SERVICES, SERVICE_LABELS),
          { value: 'declined', text: 'They declined a referral' },
        ],
      },
      {
        kind: 'radios',
        name: 'consent',
        label: 'What consent did they give?',
        items: [
          { value: 'explicit', text: 'Explicit: they said yes to this referral' },
          { value: 'implied', text: 'Implied: told about it and did not object' },
        ],
        hint: 'Not needed if they declined.',
      },
    ],
    build(body) {
      const errors: Record<string, string> = {};
      const service = chosen(
        body,
        'service',
        [...SUPPORT_SERVICES, 'declined'],
        'Select the service, or that they declined',
        errors,
      );
      if (service === 'declined') return { event: { type: 'support-referral-declined' }, errors };
      const consent = chosen(
        body,
        'consent',
        ['explicit', 'implied'],
        'Select what consent they gave',
        errors,
      );
      return { event: { type: 'support-referral', service, consent }, errors };
    },
  },
  {
    slug: 'special-measures',
    title: 'Record special measures',
    intro:
      'Discuss special measures at the earliest opportunity; apply on an MG2 to the CPS; tell the victim the outcome (SOP 3.2.6–3.2.8).',
    button: 'Record special measures',
    fields: [
      person('Who is it for?'),
      when(),
      {
        kind: 'radios',
        name: 'stage',
        label: 'What are you recording?',
        items: [
          { value: 'special-measures-discussed', text: 'Discussed with them' },
          { value: 'special-measures-applied', text: 'Applied for on an MG2 to the CPS' },
          { value: 'special-measures-outcome', text: 'The court’s decision on the application' },
        ],
      },
      {
        kind: 'checkboxes',
        name: 'measures',
        label: 'Which measures?',
        items: items(Object.keys(SPECIAL_MEASURE_LABELS), SPECIAL_MEASURE_LABELS),
        hint: 'Select all that apply.',
      },
      { kind: 'yes-no', name: 'granted', label: 'If recording the decision: were they granted?' },
      summary('Notes', 'What they said they want, or what the court decided.'),
    ],
    build(body) {
      const errors: Record<string, string> = {};
      const stage = chosen(
        body,
        'stage',
        ['special-measures-discussed', 'special-measures-applied', 'special-measures-outcome'],
        'Select what you are recording',
        errors,
      );
      const measures = list(body, 'measures');
      const granted = yesNo(body, 'granted');
      if (stage === 'special-measures-outcome' && granted === undefined) {
        errors['granted'] = 'Select yes if the measures were granted';
      }
      return {
        event: {
          type: stage,
          measures,
          ...(stage === 'special-measures-outcome' ? { granted } : {}),
          summary: text(body, 'summary') || null,
        },
        errors,
      };
    },
  },
  {
    slug: 'disengagement',
    title: 'Record avenues tried with a victim who has disengaged',
    intro:
      'Before a filing letter, try every avenue and consider whether they are safe and well. If they withdraw support, consider an evidence-led prosecution (SOP 3.2.10.1, 3.2.16).',
    button: 'Record avenues tried',
    fields: [
      person('Which victim?', ['victim']),
      when('When did you finish trying?'),
      {
        kind: 'checkboxes',
        name: 'avenues',
        label: 'What have you tried?',
        items: AVENUES,
        hint: 'Select all that apply. Record each attempt as a contact too.',
      },
      {
        kind: 'yes-no',
        name: 'welfareRiskConsidered',
        label: 'Have you considered whether they are safe and well, and mitigated any risk?',
      },
      { kind: 'yes-no', name: 'elpConsidered', label: 'Have you considered an evidence-led prosecution?' },
      {
        kind: 'yes-no',
        name: 'addressVerified',
        label: 'Have you checked their address or email is current and safe to use?',
      },
      summary('What you found', 'For example: neighbour saw her last week; IDVA has no contact since March.'),
    ],
    build(body) {
      const errors: Record<string, string> = {};
      const avenues = list(body, 'avenues');
      if (avenues.length === 0) errors['avenues'] = 'Select the avenues you have tried';
      const welfareRiskConsidered = YES_NO_ERRORS(
        body,
        'welfareRiskConsidered',
        'Select yes if you have considered their welfare',
        errors,
      );
      const elpConsidered = YES_NO_ERRORS(
        body,
        'elpConsidered',
        'Select yes if you have considered an evidence-led prosecution',
        errors,
      );
      const addressVerified = YES_NO_ERRORS(
        body,
        'addressVerified',
        'Select yes if you have checked the address or email',
        errors,
      );
      return {
        event: {
          type: 'disengagement-reviewed',
          avenues,
          welfareRiskConsidered,
          elpConsidered,
          addressVerified,
          summary: text(body, 'summary') || null,
        },
        errors,
      };
    },
  },
  {
    slug: 'filing-sign-off',
    title: 'Sign off a filing',
    intro:
      'Supervisors only. A filing letter is not permitted for serious sexual offences or for vulnerable or intimidated victims unless you approve a recorded justification (SOP 3.2.10.1, EL-FILING-LETTER).',
    button: 'Sign off filing',
    special: 'filing-sign-off',
    fields: [
      person('Which victim is the filing about?', ['victim']),
      when('When are you signing it off?'),
      {
        kind: 'yes-no',
        name: 'letterJustificationApproved',
        label: 'Do you approve telling them by letter although a letter is not normally permitted?',
        hint: 'Answer no if a letter is permitted anyway, or if they must be told face to face or by phone.',
      },
      {
        kind: 'textarea',
        name: 'justification',
        label: 'Justification you approve',
        hint: 'Required if you answer yes: why a letter is the right way to tell this victim.',
      },
    ],
    build(body) {
      const errors: Record<string, string> = {};
      const approved = YES_NO_ERRORS(
        body,
        'letterJustificationApproved',
        'Select yes if you approve a filing letter',
        errors,
      );
      return {
        event: { letterJustificationApproved: approved, justification: text(body, 'justification') || null },
        errors,
      };
    },
  },
  {
    slug: 'filing-letter',
    title: 'Record a filing letter',
    intro:
      'Only after every other avenue; marked confidential, on force letterhead, a copy on the record. Refused unless a letter is permitted for this victim or a supervisor approved a justification (SOP 3.2.10.1).',
    button: 'Record filing letter',
    special: 'filing-letter',
    fields: [person('Who was the letter sent to?', ['victim']), when('When was it sent?')],
    build: () => ({ event: {}, errors: {} }),
  },
  {
    slug: 'complaint',
    title: 'Record a complaint',
    intro: 'Acknowledge or respond within 10 working days (SOP 3.4).',
    button: 'Record',
    fields: [
      person('Who complained?'),
      when(),
      {
        kind: 'radios',
        name: 'type',
        label: 'What are you recording?',
        items: [
          { value: 'complaint-received', text: 'A complaint was received' },
          { value: 'complaint-responded', text: 'We responded to a complaint' },
        ],
      },
      {
        kind: 'event-ref',
        name: 'complaint',
        label: 'If responding: which complaint?',
        eventTypes: ['complaint-received'],
      },
    ],
    build(body) {
      const errors: Record<string, string> = {};
      const type = chosen(
        body,
        'type',
        ['complaint-received', 'complaint-responded'],
        'Select what you are recording',
        errors,
      );
      if (type === 'complaint-responded') {
        const complaint = text(body, 'complaint');
        if (complaint === '') errors['complaint'] = 'Select the complaint you responded to';
        return { event: { type, complaint }, errors };
      }
      return { event: { type }, errors };
    },
  },
  {
    slug: 'vrr',
    title: 'Record a Victims’ Right to Review',
    intro:
      'A victim may ask for a review of a decision not to charge or to end the investigation (Code Right 7).',
    button: 'Record',
    fields: [
      person('Who asked?', ['victim']),
      when(),
      {
        kind: 'radios',
        name: 'type',
        label: 'What are you recording?',
        items: [
          { value: 'vrr-requested', text: 'A review was requested' },
          { value: 'vrr-acknowledged', text: 'We acknowledged the request' },
          { value: 'vrr-decided', text: 'The review was decided and they were told' },
        ],
      },
      {
        kind: 'event-ref',
        name: 'request',
        label: 'If acknowledging or deciding: which request?',
        eventTypes: ['vrr-requested'],
      },
    ],
    build(body) {
      const errors: Record<string, string> = {};
      const type = chosen(
        body,
        'type',
        ['vrr-requested', 'vrr-acknowledged', 'vrr-decided'],
        'Select what you are recording',
        errors,
      );
      if (type && type !== 'vrr-requested') {
        const request = text(body, 'request');
        if (request === '') errors['request'] = 'Select the request';
        return { event: { type, request }, errors };
      }
      return { event: { type }, errors };
    },
  },
  {
    slug: 'prison-contact',
    title: 'Record unwanted contact from a prisoner',
    intro:
      'Request non-contact through the Victims’ helpline; the block is normally in place within two working days. Tell the victim when it is, and log that contact (SOP 3.2.17).',
    button: 'Record',
    fields: [
      person('Who is being contacted?', ['victim', 'witness']),
      when(),
      {
        kind: 'radios',
        name: 'type',
        label: 'What are you recording?',
        items: [
          { value: 'non-contact-request-submitted', text: 'A non-contact request was submitted' },
          { value: 'prison-contact-block-in-place', text: 'The prison confirmed the block is in place' },
        ],
      },
      {
        kind: 'event-ref',
        name: 'request',
        label: 'If the block is in place: which request?',
        eventTypes: ['non-contact-request-submitted'],
      },
    ],
    build(body) {
      const errors: Record<string, string> = {};
      const type = chosen(
        body,
        'type',
        ['non-contact-request-submitted', 'prison-contact-block-in-place'],
        'Select what you are recording',
        errors,
      );
      if (type === 'prison-contact-block-in-place') {
        const request = text(body, 'request');
        if (request === '') errors['request'] = 'Select the request';
        return { event: { type, request }, errors };
      }
      return { event: { type }, errors };
    },
  },
  {
    slug: 'handover',
    title: 'Hand over to the Victim and Witness Care Unit',
    intro:
      'After charge, with a civilian witness or a not guilty anticipated plea, hand the case to the VWCU with what they need (SOP 3.3.1).',
    button: 'Record handover',
    fields: [
      when('When was it handed over?'),
      { kind: 'textarea', name: 'witnesses', label: 'Witnesses and how to contact them' },
      { kind: 'textarea', name: 'specialMeasures', label: 'Special measures discussed or applied for' },
      { kind: 'textarea', name: 'needs', label: 'Needs and support in place' },
      { kind: 'textarea', name: 'availability', label: 'Dates witnesses cannot attend court' },
    ],
    build(body) {
      const errors: Record<string, string> = {};
      const handover = {
        witnesses: text(body, 'witnesses') || null,
        specialMeasures: text(body, 'specialMeasures') || null,
        needs: text(body, 'needs') || null,
        availability: text(body, 'availability') || null,
      };
      if (!handover.witnesses) errors['witnesses'] = 'Enter the witnesses and how to contact them';
      return { event: { type: 'vwcu-handover', handover }, errors };
    },
  },
  {
    slug: 'sentence',
    title: 'Record a sentence',
    intro:
      'A violent or sexual offender sentenced to 12 months or more, or a hospital order, brings the Victim Contact Scheme (SOP 3.3.4).',
    button: 'Record sentence',
    fields: [
      when('When was the sentence passed?'),
      {
        kind: 'radios',
        name: 'offenceCategory',
        label: 'Offence sentenced',
        items: items(OFFENCE_CATEGORIES, OFFENCE_LABELS),
      },
      {
        kind: 'text',
        name: 'custodyMonths',
        label: 'Months of custody',
        hint: 'Enter 0 for a non-custodial sentence',
        width: 'govuk-input--width-4',
      },
      { kind: 'yes-no', name: 'hospitalOrder', label: 'Was a hospital order made?' },
    ],
    build(body) {
      const errors: Record<string, string> = {};
      const offenceCategory = chosen(
        body,
        'offenceCategory',
        OFFENCE_CATEGORIES,
        'Select the offence sentenced',
        errors,
      );
      const raw = text(body, 'custodyMonths');
      const custodyMonths = Number(raw);
      if (raw === '' || !Number.isFinite(custodyMonths) || custodyMonths < 0) {
        errors['custodyMonths'] = 'Enter the months of custody as a number, 0 or more';
      }
      const hospitalOrder = YES_NO_ERRORS(
        body,
        'hospitalOrder',
        'Select yes if a hospital order was made',
        errors,
      );
      return { event: { type: 'sentence', offenceCategory, custodyMonths, hospitalOrder }, errors };
    },
  },
  {
    slug: 'other',
    title: 'Record something else about a person',
    intro:
      'A statement taken, enhanced rights recorded on the contract, a request to stop or restart updates, or a Victim Contact Scheme referral.',
    button: 'Record',
    fields: [
      person(),
      when(),
      {
        kind: 'radios',
        name: 'type',
        label: 'What happened?',
        items: items(
          ['statement', 'enhanced-recorded', 'updates-declined', 'updates-resumed', 'vcs-referral'],
          EVENT_LABELS,
        ),
      },
    ],
    build(body) {
      const errors: Record<string, string> = {};
      const type = chosen(
        body,
        'type',
        ['statement', 'enhanced-recorded', 'updates-declined', 'updates-resumed', 'vcs-referral'],
        'Select what happened',
        errors,
      );
      return { event: { type }, errors };
    },
  },
];

export function recordForm(slug: string): RecordForm | undefined {
  return RECORD_FORMS.find((f) => f.slug === slug);
}
