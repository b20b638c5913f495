/**
 * Investigations and people: create an investigation and add people; the investigation page (summary,
 * people, what is owed to each, findings, timeline); the person page (victim contract, eligibility with
 * reasons and citations, obligations); and every workflow form (record-forms.ts). Each route: parse the
 * form → one service call → render or redirect; on ValidationFailed the form comes back with the GOV.UK
 * error summary, inline errors and what was typed.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../auth/access.policy.js';
import type { Services } from '../composition-root.js';
import {
  CONTACT_METHODS,
  OFFENCE_CATEGORIES,
  RELATIONSHIPS_TO_SUSPECT,
  SUSPECT_EVENT_TYPES,
  VULNERABILITIES,
  WEEKDAYS,
} from '../domain/case-history/case-history.types.js';
import { requireActor } from '../http/api/require-actor.js';
import type { CaseView } from '../services/case.service.js';
import {
  contractInput,
  newEventInput,
  newInvestigationInput,
  newPersonInput,
  type NewEventInput,
} from '../services/case.schemas.js';
import { Conflict, NotFound } from '../services/service-errors.js';
import type { AssignableOfficer } from '../services/officer-directory.service.js';
import {
  ENHANCED_REASON_LABELS,
  eventDetail,
  eventLabel,
  METHOD_LABELS,
  OFFENCE_LABELS,
  SPECIAL_MEASURE_LABELS,
} from './event-labels.js';
import type { FieldErrors } from './form-errors.js';
import {
  dateInput,
  formBody,
  list,
  londonInstant,
  londonNowParts,
  text,
  withFieldErrors,
  yesNo,
  zodErrors,
  type FormBody,
} from './page-helpers.js';
import { RECORD_FORMS, recordForm, type FormField } from './record-forms.js';
import { obligationHref } from './worklist.routes.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idParam(params: unknown, name = 'id'): string {
  const id = (params as Record<string, string | undefined>)[name] ?? '';
  if (!UUID.test(id)) throw new NotFound('The record');
  return id;
}

/** Events that trigger a mandatory update: the "informs" checkboxes of a contact. */
const INFORMABLE = new Set<string>([
  ...SUSPECT_EVENT_TYPES,
  'suspect-charged',
  'hearing-date-received',
  'outcome-received',
  'prison-contact-block-in-place',
]);

const WARNING_FINDINGS = new Set([
  'F-TIMES-TO-AVOID',
  'F-EMAIL-NOT-PREFERRED',
  'F-SUMMARY-INSUFFICIENT',
  'F-REFERRAL-WITHOUT-CONSENT',
  'F-FILING-LETTER-NOT-PERMITTED',
  'F-VNA-MISMATCH',
]);

const ASSESSMENT_LABELS: Record<string, string> = {
  communication: 'Communication and language needs',
  vulnerability: 'Vulnerability and intimidation',
  safety: 'Safety and safeguarding',
  support: 'Support wanted',
  specialMeasures: 'Special measures to consider',
  contact: 'Contact arrangements',
};

// ---- view models ------------------------------------------------------------------------------------

function refLabels(view: CaseView): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of view.events) out[e.ref] = `${eventLabel(e.type)} (${e.ref})`;
  return out;
}

function obligationRow(o: CaseView['obligations'][number], labels: Record<string, string>) {
  return {
    ...o,
    anchor: obligationHref({
      investigationId: o.investigationId,
      personId: o.personId,
      rule: o.rule,
      triggerEventId: o.triggerEventId,
    }).split('#')[1],
    triggerLabel: o.triggerRef ? (labels[o.triggerRef] ?? o.triggerRef) : null,
    metByLabel: o.metByRef ? (labels[o.metByRef] ?? o.metByRef) : null,
  };
}

const STATUS_ORDER: Record<string, number> = { overdue: 0, due: 1, 'met-late': 2, met: 3, 'not-required': 4 };

function timeline(view: CaseView) {
  const names = new Map(view.people.map((p) => [p.ref, p.name ?? p.ref]));
  const labels = refLabels(view);
  return [...view.events].reverse().map((e) => ({
    label: {
      text: `${eventLabel(e.type)}${e.personRef ? ` – ${names.get(e.personRef) ?? e.personRef}` : ''}`,
    },
    text: eventDetail(e.type, e.details, labels) || ' ',
    datetime: { timestamp: e.at, type: 'datetime' },
    attributes: { id: `event-${e.ref}`, 'data-qa': 'timeline-item', 'data-type': e.type },
  }));
}

function investigationModel(view: CaseView, recorded: string | undefined) {
  const labels = refLabels(view);
  const obligations = view.obligations
    .map((o) => obligationRow(o, labels))
    .sort(
      (a, b) =>
        (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) || a.dueDate.localeCompare(b.dueDate),
    );
  const recordedEvent = recorded ? view.events.find((e) => e.ref === recorded) : undefined;
  return {
    pageTitle: `Investigation ${view.investigation.urn}`,
    view,
    inv: view.investigation,
    offences: view.investigation.offences.map(
      (o) => `${OFFENCE_LABELS[o.category] ?? o.category}${o.description ? ` (${o.description})` : ''}`,
    ),
    flags: Object.entries(view.investigation.flags)
      .filter(([, v]) => v)
      .map(
        ([k]) =>
          ({ domesticAbuse: 'Domestic abuse', hateCrime: 'Hate crime', terrorism: 'Terrorism' })[k] ?? k,
      ),
    people: view.people.map((p) => ({
      ...p,
      obligations: obligations.filter((o) => o.personId === p.id),
      open: obligations.filter((o) => o.personId === p.id && (o.status === 'due' || o.status === 'overdue'))
        .length,
    })),
    caseObligations: obligations.filter((o) => o.personId === null),
    findings: view.findings.map((f) => ({
      ...f,
      personName: view.people.find((p) => p.ref === f.personRef)?.name ?? null,
    })),
    timeline: timeline(view),
    forms: RECORD_FORMS.map((f) => ({ slug: f.slug, title: f.title })),
    recorded: recordedEvent
      ? {
          label: eventLabel(recordedEvent.type),
          warnings: view.findings
            .filter((f) => f.eventRef === recordedEvent.ref && WARNING_FINDINGS.has(f.code))
            .map((f) => f.message),
        }
      : null,
  };
}

function personModel(view: CaseView, personId: string) {
  const p = view.people.find((x) => x.id === personId);
  if (!p) throw new NotFound('The person');
  const labels = refLabels(view);
  const d = p.eligibility?.decisions;
  const yesNoText = (v: boolean) => (v ? 'Yes' : 'No');
  const decisions = d
    ? [
        {
          id: 'enhanced',
          question: 'Enhanced rights',
          answer: p.eligibility!.enhanced
            ? `Yes: ${p.eligibility!.enhancedReasons.map((r) => ENHANCED_REASON_LABELS[r] ?? r).join(', ')}`
            : 'No',
          decision: d.enhanced,
        },
        {
          id: 'special-measures',
          question: 'Special measures eligible',
          answer: d.specialMeasures.value.length
            ? d.specialMeasures.value.map((m) => SPECIAL_MEASURE_LABELS[m] ?? m).join(', ')
            : 'None',
          decision: d.specialMeasures,
        },
        {
          id: 'referral-consent',
          question: 'Consent needed for a Victim Support referral',
          answer:
            d.referralConsent.value === 'explicit'
              ? 'Explicit consent: ask them and record their yes'
              : 'Implied consent: tell them and refer unless they object',
          decision: d.referralConsent,
        },
        {
          id: 'vcs',
          question: 'Victim Contact Scheme',
          answer: yesNoText(d.vcsEligible.value),
          decision: d.vcsEligible,
        },
        {
          id: 'compellable',
          question: 'Compellable as a witness',
          answer: yesNoText(d.compellable.value),
          decision: d.compellable,
        },
        {
          id: 'filing-letter',
          question: 'Filing letter permitted',
          answer: d.filingLetterPermitted.value
            ? 'Yes, once every other avenue is tried'
            : 'No, unless a supervisor approves a justification',
          decision: d.filingLetterPermitted,
        },
        {
          id: 'statement',
          question: 'Statement they may make',
          answer:
            d.statementKind.value === 'vps'
              ? 'Victim personal statement'
              : d.statementKind.value === 'impact-statement-for-business'
                ? 'Impact statement for business'
                : 'None',
          decision: d.statementKind,
        },
        {
          id: 'cica',
          question: 'Criminal injuries compensation: apply by',
          answer: d.cicaDeadline.value ?? 'Not applicable',
          decision: d.cicaDeadline,
        },
      ]
    : [];
  return {
    pageTitle: p.name ?? p.ref,
    view,
    inv: view.investigation,
    person: p,
    decisions,
    obligations: view.obligations
      .filter((o) => o.personId === p.id)
      .map((o) => obligationRow(o, labels))
      .sort(
        (a, b) =>
          (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) || a.dueDate.localeCompare(b.dueDate),
      ),
    findings: view.findings.filter((f) => f.personRef === p.ref),
    events: [...view.events]
      .filter((e) => e.personRef === p.ref)
      .reverse()
      .map((e) => ({
        ...e,
        label: eventLabel(e.type),
        detail: eventDetail(e.type, e.details, labels),
        assessment:
          e.type === 'needs-assessment' &&
          e.details['assessment'] &&
          typeof e.details['assessment'] === 'object'
            ? Object.entries(e.details['assessment'] as Record<string, string>).map(([k, v]) => ({
                key: ASSESSMENT_LABELS[k] ?? k,
                value: v,
              }))
            : [],
      })),
    forms: RECORD_FORMS.filter((f) => f.fields.some((x) => x.kind === 'person')).map((f) => ({
      slug: f.slug,
      title: f.title,
    })),
    methods: CONTACT_METHODS.map((m) => ({ value: m, text: METHOD_LABELS[m] ?? m })),
    weekdays: WEEKDAYS,
  };
}

function contractValues(p: ReturnType<typeof personModel>['person']): FormBody {
  const c = p.contract;
  const values: FormBody = {
    preferredMethod: c?.preferredMethod ?? '',
    updateFrequencyDays: c?.updateFrequencyDays ?? '',
    enhancedRecorded: c?.enhancedRecorded ? 'yes' : 'no',
  };
  (c?.timesToAvoid ?? []).slice(0, 2).forEach((w, i) => {
    values[`avoid${i + 1}Days`] = w.days;
    values[`avoid${i + 1}From`] = w.from;
    values[`avoid${i + 1}To`] = w.to;
  });
  return values;
}

// ---- forms -------------------------------------------------------------------------------------------

function whenFrom(body: FormBody, errors: Record<string, string>, name = 'at'): string | undefined {
  const date = dateInput(body, name);
  const time = text(body, `${name}Time`);
  if (date === '' || date === null) {
    errors[name] = date === '' ? 'Enter the date' : 'The date must be a real date';
    return undefined;
  }
  const at = londonInstant(date, time === '' ? '' : time);
  if (!at) {
    errors[name] = 'Enter the time as hours and minutes, for example 14:30';
    return undefined;
  }
  return at;
}

function fieldView(field: FormField, view: CaseView) {
  if (field.kind === 'person') {
    return {
      ...field,
      items: view.people
        .filter((p) => field.roles.includes(p.role))
        .map((p) => ({
          value: p.ref,
          text: `${p.name ?? p.ref} (${p.role}${p.kind === 'business' ? ', business' : ''})`,
        })),
    };
  }
  if (field.kind === 'informs') {
    return {
      ...field,
      items: view.events
        .filter((e) => INFORMABLE.has(e.type))
        .map((e) => ({ value: e.ref, text: `${eventLabel(e.type)} on ${e.at.slice(0, 10)}`, hint: e.ref })),
    };
  }
  if (field.kind === 'event-ref') {
    const names = new Map(view.people.map((p) => [p.ref, p.name ?? p.ref]));
    return {
      ...field,
      items: view.events
        .filter((e) => field.eventTypes.includes(e.type))
        .map((e) => ({
          value: e.ref,
          text: `${eventLabel(e.type)} on ${e.at.slice(0, 10)}${e.personRef ? ` (${names.get(e.personRef) ?? e.personRef})` : ''}`,
        })),
    };
  }
  return field;
}

/** The radios' or checkboxes' items in govuk-frontend's shape, checked from the posted values. */
function withGovukItems<F extends FormField & { items?: { value: string; text: string; hint?: string }[] }>(
  field: F,
  values: FormBody,
) {
  if (!field.items) return field;
  const v = values[field.name];
  const selected = new Set(Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
  return {
    ...field,
    govukItems: field.items.map((i) => ({
      value: i.value,
      text: i.text,
      ...(i.hint ? { hint: { text: i.hint } } : {}),
      checked: selected.has(i.value),
    })),
  };
}

function referralHints(view: CaseView) {
  return view.people
    .filter((p) => p.eligibility)
    .map((p) => ({
      name: p.name ?? p.ref,
      consent: p.eligibility!.referralConsent,
      reasons: p.eligibility!.decisions.referralConsent.reasons,
      source: p.eligibility!.decisions.referralConsent.source,
    }));
}

function filingHints(view: CaseView) {
  return view.people
    .filter((p) => p.eligibility && p.role === 'victim')
    .map((p) => {
      const review = [...view.events]
        .reverse()
        .find((e) => e.type === 'disengagement-reviewed' && e.personRef === p.ref);
      return {
        name: p.name ?? p.ref,
        permitted: p.eligibility!.filingLetterPermitted,
        reasons: p.eligibility!.decisions.filingLetterPermitted.reasons,
        review: review ? eventDetail(review.type, review.details) : null,
      };
    });
}

async function renderRecordForm(
  reply: FastifyReply,
  services: Services,
  actor: Actor,
  id: string,
  slug: string,
  state: { errors?: FieldErrors; values?: FormBody },
) {
  const form = recordForm(slug);
  if (!form) throw new NotFound('The form');
  const view = await services.cases.getCase(actor, id, `record: ${slug}`);
  if (state.errors) reply.code(400);
  const now = londonNowParts(services.clock.now().getTime());
  return reply.header('cache-control', 'no-store').renderPage('pages/record-event', {
    pageTitle: form.title,
    form,
    inv: view.investigation,
    fields: form.fields.map((f) => withGovukItems(fieldView(f, view), state.values ?? {})),
    referralHints: slug === 'referral' ? referralHints(view) : null,
    filingHints: slug === 'filing-sign-off' || slug === 'filing-letter' ? filingHints(view) : null,
    errors: state.errors ?? {},
    values: state.values ?? {
      'at-day': now.day,
      'at-month': now.month,
      'at-year': now.year,
      atTime: now.time,
    },
  });
}

const OFFENCE_ITEMS = OFFENCE_CATEGORIES.map((c) => ({ value: c, text: OFFENCE_LABELS[c] ?? c }));

function investigationFromForm(body: FormBody, errors: Record<string, string>) {
  const reportedAt = whenFrom(body, errors, 'reportedAt');
  const offenceDate = dateInput(body, 'offenceDate');
  if (offenceDate === null) errors['offenceDate'] = 'Date of the offence must be a real date';
  const offences = [1, 2]
    .map((n) => ({ category: text(body, `offence${n}`), description: text(body, `offence${n}Description`) }))
    .filter((o) => o.category !== '')
    .map((o) => ({ category: o.category, ...(o.description ? { description: o.description } : {}) }));
  if (offences.length === 0) errors['offence1'] = 'Select the main offence';
  const flags = list(body, 'flags');
  const plea = text(body, 'anticipatedPlea');
  return {
    urn: text(body, 'urn'),
    reportedAt,
    offenceDate: offenceDate || null,
    offences,
    flags: {
      domesticAbuse: flags.includes('domesticAbuse'),
      hateCrime: flags.includes('hateCrime'),
      terrorism: flags.includes('terrorism'),
    },
    anticipatedPlea: plea === 'guilty' || plea === 'not-guilty' ? plea : null,
    restricted: yesNo(body, 'restricted') === true,
  };
}

function personFromForm(body: FormBody, errors: Record<string, string>) {
  const dob = dateInput(body, 'dateOfBirth');
  if (dob === null) errors['dateOfBirth'] = 'Date of birth must be a real date';
  const needs = list(body, 'needs');
  const relationship = text(body, 'relationshipToSuspect');
  return {
    role: text(body, 'role'),
    kind: text(body, 'kind'),
    name: text(body, 'name'),
    dateOfBirth: dob || null,
    namedContact: text(body, 'namedContact') || null,
    publicSector: yesNo(body, 'publicSector') === true,
    vulnerabilities: list(body, 'vulnerabilities'),
    fearOrDistress: needs.includes('fearOrDistress'),
    persistentlyTargeted: needs.includes('persistentlyTargeted'),
    bereavedCloseRelative: needs.includes('bereavedCloseRelative'),
    relationshipToSuspect: relationship === '' ? null : relationship,
    phone: text(body, 'phone') || null,
    email: text(body, 'email'),
    address: text(body, 'address') || null,
  };
}

function contractFromForm(body: FormBody, errors: Record<string, string>) {
  const freq = text(body, 'updateFrequencyDays');
  const timesToAvoid = [1, 2]
    .map((n) => ({
      days: list(body, `avoid${n}Days`),
      from: text(body, `avoid${n}From`),
      to: text(body, `avoid${n}To`),
    }))
    .filter((w, i) => {
      const empty = w.days.length === 0 && w.from === '' && w.to === '';
      if (!empty && (w.days.length === 0 || w.from === '' || w.to === '')) {
        errors[`avoid${i + 1}Days`] =
          `Time to avoid ${i + 1}: select the days and enter both times, or leave it all blank`;
      }
      return !empty;
    });
  if (freq !== '' && !/^\d{1,3}$/.test(freq)) {
    errors['updateFrequencyDays'] = 'Enter the agreed update frequency as a whole number of days';
  }
  const method = text(body, 'preferredMethod');
  return {
    preferredMethod: method === '' ? null : method,
    updateFrequencyDays: freq === '' ? null : Number(freq),
    timesToAvoid,
    enhancedRecorded: yesNo(body, 'enhancedRecorded') === true,
  };
}

// ---- routes ------------------------------------------------------------------------------------------

export function registerCasePages(app: FastifyInstance, services: Services): void {
  const officerItems = (officers: AssignableOfficer[], selected: unknown) =>
    officers.map((o) => ({
      value: o.id,
      text: `${o.displayName} (${o.teamName ?? 'no team'})`,
      selected: o.id === selected,
    }));

  const newInvestigationPage = async (
    reply: FastifyReply,
    actor: Actor,
    errors: FieldErrors = {},
    values: FormBody = {},
  ) => {
    const officers = await services.officers.assignableOfficers(actor);
    return reply.code(Object.keys(errors).length ? 400 : 200).renderPage('pages/investigation-new', {
      pageTitle: 'Create an investigation',
      offences: OFFENCE_ITEMS,
      officers: officerItems(officers, values['officerInChargeId']),
      errors,
      values,
    });
  };

  app.get('/investigations/new', async (request, reply) => {
    const actor = requireActor(request);
    const now = londonNowParts(services.clock.now().getTime());
    return newInvestigationPage(
      reply,
      actor,
      {},
      {
        'reportedAt-day': now.day,
        'reportedAt-month': now.month,
        'reportedAt-year': now.year,
        reportedAtTime: now.time,
        officerInChargeId: actor.role === 'officer' ? actor.id : '',
      },
    );
  });

  app.post('/investigations/new', async (request, reply) => {
    const actor = requireActor(request);
    const body = formBody(request.body);
    const errors: Record<string, string> = {};
    const input = investigationFromForm(body, errors);
    const oic = text(body, 'officerInChargeId');
    const officers = oic === '' ? [] : await services.officers.assignableOfficers(actor);
    const chosen = officers.find((o) => o.id === oic);
    if (oic !== '' && !chosen) errors['officerInChargeId'] = 'Select an officer from the list';
    const parsed = newInvestigationInput.safeParse({
      ...input,
      ...(chosen ? { officerInChargeId: chosen.id, teamId: chosen.teamId } : {}),
    });
    if (!parsed.success) {
      Object.assign(errors, { ...zodErrors(parsed.error, { urn: 'URN', offences: 'Offence' }), ...errors });
    }
    if (Object.keys(errors).length || !parsed.success) {
      return newInvestigationPage(reply, actor, errors, body);
    }
    const result = await withFieldErrors(
      () => services.cases.createInvestigation(actor, parsed.data),
      { offences: 'offence1' },
      { urn: 'URN' },
    );
    if (!result.ok) return newInvestigationPage(reply, actor, result.errors, body);
    return reply.redirect(`/investigations/${result.value.id}/people/new`, 303);
  });

  const officerPage = async (
    reply: FastifyReply,
    actor: Actor,
    id: string,
    errors: FieldErrors = {},
    values: FormBody = {},
  ) => {
    const [view, officers] = await Promise.all([
      services.cases.getCase(actor, id, 'change officer in charge'),
      services.officers.assignableOfficers(actor),
    ]);
    return reply
      .code(Object.keys(errors).length ? 400 : 200)
      .header('cache-control', 'no-store')
      .renderPage('pages/investigation-officer', {
        pageTitle: 'Change the officer in charge',
        inv: view.investigation,
        officers: officerItems(officers, values['officerInChargeId'] ?? view.investigation.officerInChargeId),
        errors,
        values,
      });
  };

  app.get('/investigations/:id/officer', async (request, reply) =>
    officerPage(reply, requireActor(request), idParam(request.params)),
  );

  app.post('/investigations/:id/officer', async (request, reply) => {
    const actor = requireActor(request);
    const id = idParam(request.params);
    const body = formBody(request.body);
    const officers = await services.officers.assignableOfficers(actor);
    const chosen = officers.find((o) => o.id === text(body, 'officerInChargeId'));
    const version = Number(text(body, 'version'));
    if (!chosen || !Number.isInteger(version)) {
      return officerPage(reply, actor, id, { officerInChargeId: 'Select the new officer in charge' }, body);
    }
    try {
      await services.cases.updateInvestigation(actor, id, {
        officerInChargeId: chosen.id,
        teamId: chosen.teamId,
        expectedVersion: version,
      });
    } catch (e) {
      if (e instanceof Conflict) return officerPage(reply, actor, id, { officerInChargeId: e.message }, {});
      throw e;
    }
    return reply.redirect(`/investigations/${id}`, 303);
  });

  app.get('/investigations/:id', async (request, reply) => {
    const actor = requireActor(request);
    const id = idParam(request.params);
    const recorded = z
      .object({ recorded: z.string().max(40).optional() })
      .catch({})
      .parse(request.query ?? {}).recorded;
    const view = await services.cases.getCase(actor, id, 'investigation page');
    return reply
      .header('cache-control', 'no-store')
      .renderPage('pages/investigation', investigationModel(view, recorded));
  });

  const newPersonPage = async (
    reply: FastifyReply,
    actor: Actor,
    id: string,
    errors: FieldErrors = {},
    values: FormBody = { role: 'victim', kind: 'person' },
  ) => {
    const view = await services.cases.getCase(actor, id, 'add a person');
    return reply
      .code(Object.keys(errors).length ? 400 : 200)
      .header('cache-control', 'no-store')
      .renderPage('pages/person-new', {
        pageTitle: 'Add a victim or witness',
        inv: view.investigation,
        people: view.people,
        errors,
        values,
        vulnerabilities: VULNERABILITIES,
        relationships: RELATIONSHIPS_TO_SUSPECT,
      });
  };

  app.get('/investigations/:id/people/new', async (request, reply) =>
    newPersonPage(reply, requireActor(request), idParam(request.params)),
  );

  app.post('/investigations/:id/people/new', async (request, reply) => {
    const actor = requireActor(request);
    const id = idParam(request.params);
    const body = formBody(request.body);
    const errors: Record<string, string> = {};
    const input = personFromForm(body, errors);
    const parsed = newPersonInput.safeParse(input);
    if (!parsed.success) {
      Object.assign(errors, {
        ...zodErrors(parsed.error, { role: 'Role', kind: 'Kind', email: 'Email' }),
        ...errors,
      });
    }
    if (Object.keys(errors).length || !parsed.success) return newPersonPage(reply, actor, id, errors, body);
    const result = await withFieldErrors(() => services.cases.addPerson(actor, id, parsed.data));
    if (!result.ok) return newPersonPage(reply, actor, id, result.errors, body);
    return reply.redirect(`/people/${result.value.id}?added=1`, 303);
  });

  const personPage = async (
    reply: FastifyReply,
    actor: Actor,
    personId: string,
    state: { errors?: FieldErrors; values?: FormBody; saved?: boolean } = {},
  ) => {
    const { view } = await services.cases.getPerson(actor, personId, 'person page');
    const model = personModel(view, personId);
    if (state.errors && Object.keys(state.errors).length) reply.code(400);
    return reply.header('cache-control', 'no-store').renderPage('pages/person', {
      ...model,
      errors: state.errors ?? {},
      values: state.values ?? contractValues(model.person),
      saved: state.saved ?? false,
    });
  };

  app.get('/people/:id', async (request, reply) => {
    const q = z
      .object({ saved: z.string().optional(), added: z.string().optional() })
      .catch({})
      .parse(request.query ?? {});
    return personPage(reply, requireActor(request), idParam(request.params), {
      saved: q.saved === 'contract' || q.added === '1',
    });
  });

  app.post('/people/:id/contract', async (request, reply) => {
    const actor = requireActor(request);
    const personId = idParam(request.params);
    const body = formBody(request.body);
    const errors: Record<string, string> = {};
    const input = contractFromForm(body, errors);
    const parsed = contractInput.safeParse(input);
    if (!parsed.success) {
      Object.assign(errors, {
        ...zodErrors(parsed.error, {
          preferredMethod: 'Preferred method',
          updateFrequencyDays: 'Update frequency',
          timesToAvoid: 'Times to avoid',
        }),
        ...errors,
      });
    }
    if (errors['timesToAvoid']) {
      errors['avoid1Days'] = errors['avoid1Days'] ?? errors['timesToAvoid'];
      delete errors['timesToAvoid'];
    }
    if (Object.keys(errors).length || !parsed.success) {
      return personPage(reply, actor, personId, { errors, values: body });
    }
    const result = await withFieldErrors(() => services.cases.updateContract(actor, personId, parsed.data), {
      timesToAvoid: 'avoid1Days',
    });
    if (!result.ok) return personPage(reply, actor, personId, { errors: result.errors, values: body });
    return reply.redirect(`/people/${personId}?saved=contract#contract`, 303);
  });

  app.get('/investigations/:id/record/:form', async (request, reply) => {
    const actor = requireActor(request);
    const id = idParam(request.params);
    const slug = (request.params as { form: string }).form;
    const person = z
      .object({ person: z.string().max(20).optional() })
      .catch({})
      .parse(request.query ?? {}).person;
    const now = londonNowParts(services.clock.now().getTime());
    return renderRecordForm(reply, services, actor, id, slug, {
      values: {
        'at-day': now.day,
        'at-month': now.month,
        'at-year': now.year,
        atTime: now.time,
        ...(person ? { person } : {}),
      },
    });
  });

  app.post('/investigations/:id/record/:form', async (request, reply) => {
    const actor = requireActor(request);
    const id = idParam(request.params);
    const slug = (request.params as { form: string }).form;
    const form = recordForm(slug);
    if (!form) throw new NotFound('The form');
    const body = formBody(request.body);
    const errors: Record<string, string> = {};
    const needsPerson = form.fields.some((f) => f.kind === 'person');
    const person = text(body, 'person');
    if (needsPerson && person === '') errors['person'] = 'Select who it is about';
    const at = whenFrom(body, errors);
    const built = form.build(body);
    Object.assign(errors, built.errors);
    if (Object.keys(errors).length || at === undefined) {
      return renderRecordForm(reply, services, actor, id, slug, { errors, values: body });
    }

    const fieldMap = { event: 'type', handover: 'witnesses', assessment: 'assessment-communication' };
    let event: NewEventInput | undefined;
    if (!form.special) {
      const parsed = newEventInput.safeParse({ at, ...(needsPerson ? { person } : {}), ...built.event });
      if (!parsed.success) {
        return renderRecordForm(reply, services, actor, id, slug, {
          errors: zodErrors(parsed.error),
          values: body,
        });
      }
      event = parsed.data;
    }
    const result = await withFieldErrors(async () => {
      if (form.special === 'filing-sign-off') {
        return services.filing.signOff(actor, id, {
          person,
          at,
          letterJustificationApproved: built.event['letterJustificationApproved'] === true,
          justification:
            typeof built.event['justification'] === 'string' ? built.event['justification'] : null,
        });
      }
      if (form.special === 'filing-letter') return services.filing.recordLetter(actor, id, { person, at });
      return services.cases.recordEvent(actor, id, event!);
    }, fieldMap);
    if (!result.ok) {
      return renderRecordForm(reply, services, actor, id, slug, { errors: result.errors, values: body });
    }
    return reply.redirect(
      `/investigations/${id}?recorded=${encodeURIComponent(result.value.event.ref)}`,
      303,
    );
  });
}
