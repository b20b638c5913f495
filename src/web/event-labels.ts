// Plain words for the case-history vocabulary, as pages show it.
import { londonDate } from './date-filters.js';

export const EVENT_LABELS: Readonly<Record<string, string>> = {
  contact: 'Contact',
  'needs-assessment': 'Needs assessment',
  'victim-care-card': 'Victim Care Card given',
  statement: 'Statement taken',
  'vps-offered': 'Victim personal statement offered',
  'enhanced-recorded': 'Enhanced rights recorded',
  'support-referral': 'Referred to support',
  'support-referral-declined': 'Declined a support referral',
  'updates-declined': 'Asked not to receive updates',
  'updates-resumed': 'Asked for updates again',
  'suspect-arrested': 'Suspect arrested',
  'suspect-interviewed': 'Suspect interviewed under caution',
  'suspect-released-nfa': 'Suspect released with no further action',
  'suspect-bailed': 'Suspect released on bail',
  'suspect-released-under-investigation': 'Suspect released under investigation',
  'bail-conditions-changed': 'Bail conditions changed',
  'decision-not-to-investigate': 'Decision not to investigate',
  'out-of-court-disposal': 'Out-of-court disposal',
  'decision-not-to-charge': 'Decision not to charge',
  'investigation-filed': 'Investigation filed',
  'suspect-charged': 'Suspect charged',
  'vwcu-handover': 'Handed over to the Victim and Witness Care Unit',
  'hearing-date-received': 'Hearing date received',
  'outcome-received': 'Court outcome received',
  sentence: 'Sentence passed',
  'complaint-received': 'Complaint received',
  'complaint-responded': 'Complaint responded to',
  'vrr-requested': 'Victims’ Right to Review requested',
  'vrr-acknowledged': 'Victims’ Right to Review acknowledged',
  'vrr-decided': 'Victims’ Right to Review decided',
  'non-contact-request-submitted': 'Prisoner non-contact request submitted',
  'prison-contact-block-in-place': 'Prison contact block in place',
  'filing-letter-sent': 'Filing letter sent',
  'vcs-referral': 'Referred to the Victim Contact Scheme',
  'special-measures-discussed': 'Special measures discussed',
  'special-measures-applied': 'Special measures applied for (MG2)',
  'special-measures-outcome': 'Special measures application decided',
  'disengagement-reviewed': 'Disengagement: avenues tried',
  'filing-signed-off': 'Filing signed off by a supervisor',
};

export function eventLabel(type: string): string {
  return EVENT_LABELS[type] ?? type;
}

export const METHOD_LABELS: Readonly<Record<string, string>> = {
  phone: 'Phone',
  'in-person': 'In person',
  video: 'Video call',
  email: 'Email',
  text: 'Text message',
  letter: 'Letter',
};

export const PURPOSE_LABELS: Readonly<Record<string, string>> = {
  'initial-contact': 'Initial contact',
  'mandatory-update': 'Mandatory update (tell them about a suspect event)',
  'investigative-update': 'Investigative update',
  other: 'Other',
};

export const SERVICE_LABELS: Readonly<Record<string, string>> = {
  'victim-support': 'Victim Support',
  isva: 'Independent Sexual Violence Advisor (ISVA)',
  idva: 'Independent Domestic Violence Advisor (IDVA)',
  'homicide-service': 'Homicide Service',
  'registered-intermediary': 'Registered Intermediary (NCA referral)',
  'witness-service': 'Witness Service',
  'restorative-justice': 'Restorative Justice',
  other: 'Other service',
};

export const SPECIAL_MEASURE_LABELS: Readonly<Record<string, string>> = {
  s23: 'Screens (s.23)',
  s24: 'Live link (s.24)',
  s25: 'Evidence in private (s.25)',
  s26: 'Removal of wigs and gowns (s.26)',
  s27: 'Video recorded evidence in chief (s.27)',
  s28: 'Pre-recorded cross-examination (s.28)',
  s29: 'Intermediary (s.29)',
  s30: 'Aids to communication (s.30)',
};

export const ENHANCED_REASON_LABELS: Readonly<Record<string, string>> = {
  'most-serious-crime': 'victim of the most serious crime',
  'bereaved-close-relative': 'close relative bereaved by crime',
  'persistently-targeted': 'persistently targeted',
  vulnerable: 'vulnerable',
  intimidated: 'intimidated',
};

export const OFFENCE_LABELS: Readonly<Record<string, string>> = {
  homicide: 'Homicide',
  'attempted-murder': 'Attempted murder',
  'gbh-with-intent': 'GBH with intent',
  'violence-with-injury': 'Violence with injury',
  'violence-without-injury': 'Violence without injury',
  'threats-to-kill': 'Threats to kill',
  sexual: 'Sexual offence',
  'modern-slavery': 'Modern slavery',
  'human-trafficking': 'Human trafficking',
  kidnap: 'Kidnap',
  'false-imprisonment': 'False imprisonment',
  'arson-endanger-life': 'Arson endangering life',
  robbery: 'Robbery',
  'stalking-harassment': 'Stalking or harassment',
  weapons: 'Weapons',
  burglary: 'Burglary',
  theft: 'Theft',
  'vehicle-crime': 'Vehicle crime',
  'criminal-damage': 'Criminal damage',
  'threat-to-damage-property': 'Threat to damage property',
  fraud: 'Fraud',
  'public-order': 'Public order',
  drugs: 'Drugs',
  other: 'Other',
};

/** One line describing an event's details, for the timeline. */
export function eventDetail(
  type: string,
  details: Readonly<Record<string, unknown>>,
  refs: Readonly<Record<string, string>> = {},
): string {
  const parts: string[] = [];
  const str = (k: string) => (typeof details[k] === 'string' ? (details[k] as string) : undefined);
  const arr = (k: string) => (Array.isArray(details[k]) ? (details[k] as unknown[]).map(String) : []);
  if (type === 'contact') {
    parts.push(
      `${METHOD_LABELS[str('method') ?? ''] ?? str('method') ?? ''}, ${str('outcome') === 'successful' ? 'got through' : 'did not get through'}`,
    );
    const purposes = arr('purposes').map((p) =>
      (PURPOSE_LABELS[p] ?? p).replace(/ \(.*\)$/, '').toLowerCase(),
    );
    if (purposes.length) parts.push(`for ${purposes.join(', ')}`);
    const informs = arr('informs').map((r) => refs[r] ?? r);
    if (informs.length) parts.push(`told them about: ${informs.join(', ')}`);
  }
  if (type === 'support-referral') {
    parts.push(`${SERVICE_LABELS[str('service') ?? ''] ?? str('service')}, ${str('consent')} consent`);
  }
  if (type === 'vps-offered' && typeof details['accepted'] === 'boolean') {
    parts.push(details['accepted'] ? 'accepted' : 'declined');
  }
  if (type === 'suspect-charged' && str('firstHearingDate')) {
    parts.push(`first hearing ${londonDate(str('firstHearingDate'))}`);
  }
  if (type === 'sentence') {
    parts.push(
      `${String(details['custodyMonths'])} months’ custody${details['hospitalOrder'] ? ', hospital order' : ''}`,
    );
  }
  if (type === 'filing-letter-sent' && details['justificationApproved']) {
    parts.push('justification approved by a supervisor');
  }
  if (type === 'filing-signed-off') {
    parts.push(
      details['letterJustificationApproved'] ? 'letter justification approved' : 'no letter approved',
    );
  }
  if (type.startsWith('special-measures')) {
    const m = arr('measures').map((x) => SPECIAL_MEASURE_LABELS[x] ?? x);
    if (m.length) parts.push(m.join(', '));
    if (typeof details['granted'] === 'boolean') parts.push(details['granted'] ? 'granted' : 'refused');
  }
  if (type === 'disengagement-reviewed') {
    const a = arr('avenues');
    if (a.length) parts.push(`${a.length} avenues tried`);
    if (details['welfareRiskConsidered']) parts.push('welfare risk considered');
    if (details['elpConsidered']) parts.push('evidence-led prosecution considered');
  }
  if (type === 'vwcu-handover' && details['handover'] && typeof details['handover'] === 'object') {
    const h = details['handover'] as Record<string, unknown>;
    const labels: [string, string][] = [
      ['witnesses', 'Witnesses'],
      ['specialMeasures', 'Special measures'],
      ['needs', 'Needs'],
      ['availability', 'Availability'],
    ];
    for (const [k, label] of labels) {
      if (typeof h[k] === 'string' && h[k] !== '') {
        parts.push(`${label}: ${h[k]}`);
      }
    }
  }
  if (type === 'needs-assessment') parts.push(`form for ${str('urn') ?? ''}`);
  const summary = str('summary') ?? str('justification');
  return [parts.filter((p) => p !== '').join('; '), summary].filter((x) => x && x !== '').join('. ');
}
