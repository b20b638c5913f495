/**
 * A small factory for CaseHistory objects in tests: sensible defaults (an adult victim of a non-serious
 * offence, a long enough contact summary), so each test states only the facts its rule reads.
 *
 *   const h = new CaseBuilder({ reportedAt: '2026-03-02T10:15:00Z' })
 *     .victim('v1')
 *     .event('e1', '2026-03-03T10:00:00Z', 'suspect-arrested')
 *     .contact('e2', '2026-03-04T10:00:00Z', { informs: ['e1'] })
 *     .build();
 *   const result = evaluateAt(h, '2026-03-20T12:00:00Z');
 */
import assert from 'node:assert/strict';
import { shippedCalendar } from '../../src/domain/calendar/working-day-calendar.js';
import type {
  CaseEvent,
  CaseHistory,
  ContactEvent,
  EventType,
  InvestigationFacts,
  Offence,
  OffenceCategory,
  PersonFacts,
} from '../../src/domain/case-history/case-history.types.js';
import { evaluateCase } from '../../src/domain/evaluate.js';
import type {
  Evaluation,
  Finding,
  Obligation,
  PersonEligibility,
} from '../../src/domain/evaluation.types.js';
import { reportBreakdowns } from '../../src/domain/report-breakdown.js';
import { shippedRulePack } from '../../src/domain/rules/rule-pack.js';
import type { RulePack } from '../../src/domain/rules/rule-pack.types.js';
import type { NewImportedCase } from '../../src/store/case-history.repository.js';

/** A summary long and specific enough never to raise F-SUMMARY-INSUFFICIENT. */
export const GOOD_SUMMARY =
  'Spoke to the victim, explained what the suspect was told and what happens next in the investigation.';

export interface InvestigationOptions extends Partial<Omit<InvestigationFacts, 'offences' | 'flags'>> {
  offences?: (OffenceCategory | Offence)[];
  flags?: Partial<InvestigationFacts['flags']>;
  asOf?: string | null;
}

type EventExtra = Record<string, unknown>;

export class CaseBuilder {
  private readonly investigation: InvestigationFacts;
  private readonly asOf: string | null;
  private readonly people: PersonFacts[] = [];
  private readonly events: CaseEvent[] = [];

  constructor(options: InvestigationOptions = {}) {
    const { offences, flags, asOf, ...rest } = options;
    this.asOf = asOf ?? null;
    this.investigation = {
      urn: '46/1234/26',
      reportedAt: '2026-03-02T10:15:00Z',
      offenceDate: null,
      ...rest,
      offences: (offences ?? ['theft']).map((o) => (typeof o === 'string' ? { category: o } : o)),
      flags: { domesticAbuse: false, hateCrime: false, terrorism: false, ...flags },
    };
  }

  person(p: Partial<PersonFacts> & { id: string }): this {
    this.people.push({ role: 'victim', kind: 'person', ...p });
    return this;
  }

  /** An adult person victim (born 1990-04-01) unless overridden. */
  victim(id = 'v1', over: Partial<PersonFacts> = {}): this {
    return this.person({
      id,
      name: `Victim ${id}`,
      dateOfBirth: '1990-04-01',
      ...over,
      role: 'victim',
      kind: 'person',
    });
  }

  witness(id = 'w1', over: Partial<PersonFacts> = {}): this {
    return this.person({
      id,
      name: `Witness ${id}`,
      dateOfBirth: '1985-06-15',
      ...over,
      role: 'witness',
      kind: 'person',
    });
  }

  business(id = 'b1', over: Partial<PersonFacts> = {}): this {
    return this.person({ id, name: `Business ${id}`, ...over, role: 'victim', kind: 'business' });
  }

  /** Any event: `extra` carries its type's fields (`person`, `request`, `firstHearingDate` …). */
  event(id: string, at: string, type: EventType, extra: EventExtra = {}): this {
    this.events.push({ id, at, type, ...extra } as unknown as CaseEvent);
    return this;
  }

  /** A person event, person `v1` unless given. */
  personal(id: string, at: string, type: EventType, extra: EventExtra = {}): this {
    return this.event(id, at, type, { person: 'v1', ...extra });
  }

  /** A contact: successful phone call with v1 for initial contact unless overridden. */
  contact(id: string, at: string, over: Partial<Omit<ContactEvent, 'id' | 'at' | 'type'>> = {}): this {
    return this.event(id, at, 'contact', {
      person: 'v1',
      method: 'phone',
      outcome: 'successful',
      purposes: over.informs ? ['mandatory-update'] : ['initial-contact'],
      summary: GOOD_SUMMARY,
      ...over,
    });
  }

  build(): CaseHistory {
    return {
      format: 'victim-care/case-history@1',
      asOf: this.asOf,
      investigation: structuredClone(this.investigation),
      people: structuredClone(this.people),
      events: structuredClone(this.events),
    };
  }
}

let defaultPack: RulePack | undefined;
const calendar = shippedCalendar();

/** evaluateCase(history, { pack: shippedRulePack(), calendar: shippedCalendar(), asOf }). */
export function evaluateAt(history: CaseHistory | CaseBuilder, asOf: string, pack?: RulePack): Evaluation {
  const h = history instanceof CaseBuilder ? history.build() : history;
  defaultPack ??= shippedRulePack();
  return evaluateCase(h, { pack: pack ?? defaultPack, calendar, asOf });
}

/** The history evaluated at `asOf` as the import writes it (`insertMany`): no officer, team or shape notes. */
export function importedCase(history: CaseHistory, asOf: string): NewImportedCase {
  const evaluation = evaluateAt(history, asOf);
  return {
    history,
    investigationShape: null,
    personShapes: [],
    eventSourceAts: [],
    status: 'open',
    officerInChargeId: null,
    teamId: null,
    obligations: evaluation.obligations,
    findings: evaluation.findings,
    breakdowns: reportBreakdowns(history, evaluation.findings),
  };
}

/** The obligations of one rule (and person, and trigger when given). */
export function obligationsOf(
  result: Evaluation,
  rule: string,
  person?: string | null,
  trigger?: string | null,
): Obligation[] {
  return result.obligations.filter(
    (o) =>
      o.rule === rule &&
      (person === undefined || o.person === person) &&
      (trigger === undefined || o.trigger === trigger),
  );
}

/** Exactly one obligation of the rule (person, trigger); fails the test otherwise. */
export function obligationOf(
  result: Evaluation,
  rule: string,
  person?: string | null,
  trigger?: string | null,
): Obligation {
  const found = obligationsOf(result, rule, person, trigger);
  assert.equal(
    found.length,
    1,
    `expected one ${rule} for ${person}/${trigger}, got ${JSON.stringify(found)}`,
  );
  return found[0]!;
}

export function findingsOf(result: Evaluation, code: string, person?: string | null): Finding[] {
  return result.findings.filter((f) => f.code === code && (person === undefined || f.person === person));
}

export function personOf(result: Evaluation, id: string): PersonEligibility {
  const p = result.people.find((x) => x.id === id);
  assert.ok(p, `no person ${id} in the evaluation`);
  return p;
}

/** A result carries its rule id and a source citing `citation`. */
export function assertCarries(
  result: { rule: string | null; source: string } | { code: string; source: string; rule: string | null },
  id: string,
  citation: string,
): void {
  const named = 'code' in result ? result.code : result.rule;
  assert.equal(named, id);
  assert.equal(typeof result.source, 'string');
  assert.ok(
    result.source.includes(citation),
    `source ${JSON.stringify(result.source)} should cite ${citation}`,
  );
}
