/**
 * Synthetic case histories for the demo force and for benchmarks: seeded, so the same seed gives the same
 * force. Cases are realistic in shape (1–3 victims, witnesses sometimes, contacts around the deadlines,
 * arrests, charges, filings, about a quarter enhanced) and land in every state: met, late, overdue, due.
 */
import { addCalendarDays, toInstant } from '../domain/calendar/london-time.js';
import type {
  CaseEvent,
  CaseHistory,
  ContactMethod,
  OffenceCategory,
  PersonFacts,
} from '../domain/case-history/case-history.types.js';

/** mulberry32: a small, fast, seeded generator. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Alex',
  'Sam',
  'Jordan',
  'Priya',
  'Mohammed',
  'Olivia',
  'Amelia',
  'Jack',
  'Harry',
  'Isla',
  'Ava',
  'Noah',
  'Leo',
  'Grace',
  'Chloe',
  'Tomasz',
  'Aisha',
  'Daniel',
  'Ellie',
  'Kwame',
  'Sophie',
  'Ryan',
  'Zara',
  'Lewis',
];
const LAST = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Patel',
  'Khan',
  'Evans',
  'Thomas',
  'Roberts',
  'Walker',
  'Wright',
  'Okafor',
  'Nowak',
  'Hughes',
  'Green',
  'Hall',
  'Clarke',
  'Ahmed',
  'Murphy',
  'Ward',
  'Price',
  'Kaur',
];
const BUSINESSES = [
  'Medway Motors Ltd',
  'The Corner Shop',
  'Kent Fresh Foods',
  'Harbour Hardware',
  'Garden Centre Ltd',
];
const OFFENCES: [OffenceCategory, number, string][] = [
  ['violence-with-injury', 14, 'Assault occasioning actual bodily harm'],
  ['violence-without-injury', 12, 'Common assault'],
  ['theft', 14, 'Theft'],
  ['burglary', 10, 'Burglary dwelling'],
  ['criminal-damage', 8, 'Criminal damage'],
  ['stalking-harassment', 7, 'Harassment'],
  ['sexual', 6, 'Sexual assault'],
  ['robbery', 4, 'Robbery of personal property'],
  ['fraud', 6, 'Fraud by false representation'],
  ['vehicle-crime', 5, 'Theft from a motor vehicle'],
  ['public-order', 4, 'Threatening behaviour'],
  ['gbh-with-intent', 2, 'Wounding with intent'],
  ['weapons', 2, 'Possession of a bladed article'],
  ['threats-to-kill', 2, 'Threats to kill'],
  ['modern-slavery', 1, 'Holding a person in slavery or servitude'],
];
const SUMMARIES = [
  'Spoke to the victim, explained the progress of the enquiries and agreed the next update in two weeks.',
  'Phoned the victim to explain that CCTV has been requested and statements taken; victim had no questions.',
  'Met the victim at home, went through the investigation so far, the support available and how to contact me.',
  'Updated the victim on the house-to-house enquiries and forensic submission; agreed to call again next week.',
  'Explained the next steps in the investigation and checked the victim is safe and has the support they need.',
];

export interface GeneratedCase {
  history: CaseHistory;
  /** Suggested owner index (which officer) and whether the case is restricted. */
  officerIndex: number;
  restricted: boolean;
}

export interface GenerateOptions {
  /** Cases are reported up to this many days before `today`. */
  spanDays?: number;
  officers?: number;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function weighted(rand: () => number): [OffenceCategory, string] {
  const total = OFFENCES.reduce((s, o) => s + o[1], 0);
  let r = rand() * total;
  for (const [c, w, d] of OFFENCES) {
    r -= w;
    if (r < 0) return [c, d];
  }
  return ['theft', 'Theft'];
}

/** One synthetic case, `index` making the URN unique; `today` is a London date. */
export function generateCase(
  rand: () => number,
  index: number,
  today: string,
  options: GenerateOptions = {},
): GeneratedCase {
  const span = options.spanDays ?? 150;
  const reportedDate = addCalendarDays(today, -Math.floor(rand() * span) - 1);
  const reportedMs = Date.parse(
    `${reportedDate}T${String(8 + Math.floor(rand() * 12)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}:00Z`,
  );
  const nowMs = Date.parse(`${today}T12:00:00Z`);
  const [category, description] = weighted(rand);
  const domesticAbuse =
    (category === 'violence-with-injury' ||
      category === 'violence-without-injury' ||
      category === 'stalking-harassment') &&
    rand() < 0.35;
  const yy = reportedDate.slice(2, 4);
  const urn = `46/${String(100000 + index)}/${yy}`;

  const people: PersonFacts[] = [];
  const victimCount = category === 'burglary' && rand() < 0.3 ? 2 : rand() < 0.12 ? 3 : 1;
  for (let v = 1; v <= victimCount; v++) {
    const business =
      (category === 'theft' ||
        category === 'burglary' ||
        category === 'criminal-damage' ||
        category === 'fraud') &&
      v === 1 &&
      rand() < 0.2;
    const age = rand() < 0.12 ? 10 + Math.floor(rand() * 7) : 18 + Math.floor(rand() * 60);
    const dob = addCalendarDays(reportedDate, -Math.floor(age * 365.25) - Math.floor(rand() * 300));
    const preferred: ContactMethod = pick(rand, [
      'phone',
      'phone',
      'phone',
      'in-person',
      'email',
      'text',
    ] as const);
    people.push({
      id: `v${v}`,
      role: 'victim',
      kind: business ? 'business' : 'person',
      name: business ? pick(rand, BUSINESSES) : `${pick(rand, FIRST)} ${pick(rand, LAST)}`,
      dateOfBirth: business ? null : dob,
      vulnerabilities:
        !business && rand() < 0.08
          ? [pick(rand, ['mental-disorder', 'impairment', 'physical-disability'] as const)]
          : [],
      fearOrDistress: !business && rand() < 0.15,
      persistentlyTargeted: !business && category === 'stalking-harassment' && rand() < 0.6,
      bereavedCloseRelative: false,
      relationshipToSuspect:
        domesticAbuse && v === 1 && rand() < 0.5
          ? pick(rand, ['spouse', 'former-spouse', 'civil-partner'] as const)
          : null,
      ...(business
        ? { namedContact: `${pick(rand, FIRST)} ${pick(rand, LAST)}, manager`, publicSector: false }
        : {}),
      contract: {
        preferredMethod: preferred,
        updateFrequencyDays: rand() < 0.5 ? pick(rand, [7, 14, 21, 28]) : null,
        timesToAvoid:
          rand() < 0.3 ? [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }] : [],
        enhancedRecorded: false,
      },
    });
  }
  if (rand() < 0.35) {
    people.push({
      id: 'w1',
      role: 'witness',
      kind: 'person',
      name: `${pick(rand, FIRST)} ${pick(rand, LAST)}`,
      dateOfBirth: addCalendarDays(reportedDate, -Math.floor((18 + rand() * 50) * 365.25)),
    });
  }

  const events: CaseEvent[] = [];
  let seq = 0;
  const at = (ms: number) => toInstant(Math.min(ms, nowMs - 60_000));
  const push = (e: Omit<CaseEvent, 'id' | 'at'> & { atMs: number }): string | null => {
    if (e.atMs > nowMs - 60_000) return null;
    const { atMs, ...rest } = e;
    const id = `e${++seq}`;
    events.push({ id, at: at(atMs), ...rest } as CaseEvent);
    return id;
  };
  const day = 86_400_000;
  // How well this case is kept: drives met / late / overdue. Older cases have mostly been caught up with;
  // the recent ones carry most of what is still owed, as on a real caseload.
  const ageDays = (nowMs - reportedMs) / 86_400_000;
  const diligence = Math.min(1, rand() * 0.6 + (ageDays > 30 ? 0.55 : 0.3));
  const victims = people.filter((p) => p.role === 'victim');
  for (const v of victims) {
    const delay = rand() < 0.85 ? rand() * 4 * day : (4 + rand() * 6) * day;
    if (rand() < 0.3) {
      push({
        type: 'contact',
        person: v.id,
        method: 'phone',
        outcome: 'unsuccessful',
        purposes: ['initial-contact'],
        summary: 'No answer on the mobile number; left a voicemail asking the victim to call back.',
        atMs: reportedMs + delay / 2,
      } as never);
    }
    if (ageDays > 10 || rand() < 0.7) {
      push({
        type: 'contact',
        person: v.id,
        method: v.contract?.preferredMethod === 'in-person' ? 'in-person' : 'phone',
        outcome: 'successful',
        purposes: ['initial-contact'],
        summary: pick(rand, SUMMARIES),
        atMs: reportedMs + delay,
      } as never);
    }
    if (rand() < diligence + 0.1) {
      push({
        ...(rand() < 0.15
          ? { type: 'support-referral-declined' }
          : { type: 'support-referral', service: 'victim-support', consent: 'explicit' }),
        person: v.id,
        atMs: reportedMs + (diligence > 0.4 ? rand() * 2 : 3 + rand() * 3) * day,
      } as never);
    }
    if (rand() < diligence + 0.05) {
      push({ type: 'needs-assessment', person: v.id, urn, atMs: reportedMs + rand() * 6 * day } as never);
    }
    if (rand() < diligence + 0.15) {
      push({ type: 'victim-care-card', person: v.id, atMs: reportedMs + rand() * 6 * day } as never);
    }
    if (rand() < 0.6) {
      const st = push({
        type: 'statement',
        person: v.id,
        atMs: reportedMs + (1 + rand() * 5) * day,
      } as never);
      if (st && rand() < 0.2 + diligence) {
        push({
          type: 'vps-offered',
          person: v.id,
          accepted: rand() < 0.5,
          atMs: reportedMs + (1 + rand() * 6) * day,
        } as never);
      }
    }
  }
  if (people.some((p) => p.role === 'witness')) {
    push({ type: 'statement', person: 'w1', atMs: reportedMs + (1 + rand() * 5) * day } as never);
  }

  // The investigation's course: arrest, interview, then an outcome (or still open).
  let t = reportedMs + (2 + rand() * 20) * day;
  const course = rand();
  if (course < 0.65) {
    const arrest = push({ type: 'suspect-arrested', atMs: t } as never);
    const interview = push({ type: 'suspect-interviewed', atMs: t + 0.3 * day } as never);
    const released = push({
      type: rand() < 0.5 ? 'suspect-bailed' : 'suspect-released-under-investigation',
      atMs: t + 0.5 * day,
    } as never);
    const informs = [arrest, interview, released].filter((x): x is string => x !== null);
    for (const v of victims) {
      if (informs.length && rand() < 0.2 + diligence * 0.8) {
        push({
          type: 'contact',
          person: v.id,
          method: 'phone',
          outcome: 'successful',
          purposes: ['mandatory-update'],
          informs,
          summary:
            'Told the victim the suspect was arrested, interviewed and released, with the conditions and what happens next.',
          atMs: t + (diligence > 0.5 ? 0.8 + rand() : 3 + rand() * 8) * day,
        } as never);
      }
    }
    t += (10 + rand() * 40) * day;
    const outcome = rand();
    if (outcome < 0.4) {
      const charged = push({
        type: 'suspect-charged',
        firstHearingDate: addCalendarDays(
          new Date(t).toISOString().slice(0, 10),
          14 + Math.floor(rand() * 20),
        ),
        atMs: t,
      } as never);
      if (charged && rand() < 0.2 + diligence) {
        push({ type: 'vwcu-handover', atMs: t + (diligence > 0.4 ? 0.5 : 3) * day } as never);
      }
      const hearing =
        charged && rand() < 0.6 ? push({ type: 'hearing-date-received', atMs: t + 2 * day } as never) : null;
      for (const v of victims) {
        if (hearing && rand() < 0.3 + diligence) {
          push({
            type: 'contact',
            person: v.id,
            method: 'phone',
            outcome: 'successful',
            purposes: ['other'],
            informs: [hearing],
            summary:
              'Victim and Witness Care Unit called to give the date, time and place of the first hearing and explain what happens there.',
            atMs: t + (diligence > 0.5 ? 2.5 : 5) * day,
          } as never);
        }
      }
      for (const v of victims) {
        if (charged && rand() < 0.3 + diligence * 0.7) {
          push({
            type: 'contact',
            person: v.id,
            method: 'phone',
            outcome: 'successful',
            purposes: ['mandatory-update'],
            informs: [charged],
            summary:
              'Told the victim the suspect has been charged, the bail position and the first hearing date at court.',
            atMs: t + (diligence > 0.5 ? 0.5 : 4) * day,
          } as never);
        }
      }
    } else if (outcome < 0.7) {
      const nfa = push({
        type: rand() < 0.5 ? 'suspect-released-nfa' : 'investigation-filed',
        atMs: t,
      } as never);
      for (const v of victims) {
        if (nfa && rand() < diligence) {
          push({
            type: 'contact',
            person: v.id,
            method: 'phone',
            outcome: 'successful',
            purposes: ['mandatory-update'],
            informs: [nfa],
            summary:
              'Explained the decision and the reasons, and the Victims’ Right to Review, and offered further support.',
            atMs: t + (1 + rand() * 6) * day,
          } as never);
        }
      }
    }
  }
  // Investigative updates while open.
  for (const v of victims) {
    let u = reportedMs + (10 + rand() * 20) * day;
    while (u < nowMs && rand() < 0.3 + diligence * 0.6) {
      push({
        type: 'contact',
        person: v.id,
        method: pick(rand, ['phone', 'phone', 'email'] as const),
        outcome: 'successful',
        purposes: ['investigative-update'],
        summary: pick(rand, SUMMARIES),
        atMs: u,
      } as never);
      u += (7 + rand() * 30) * day;
    }
  }
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  // Re-number so ids follow time order, keeping references.
  const renumber = new Map(events.map((e, i) => [e.id, `e${i + 1}`]));
  const renumbered = events.map((e) => {
    const r = { ...e, id: renumber.get(e.id)! } as CaseEvent & { informs?: string[] };
    if (r.informs) r.informs = r.informs.map((x) => renumber.get(x)!);
    return r as CaseEvent;
  });

  return {
    history: {
      format: 'victim-care/case-history@1',
      investigation: {
        urn,
        reportedAt: toInstant(reportedMs),
        offenceDate: addCalendarDays(reportedDate, -Math.floor(rand() * 3)),
        offences: [{ category, description }],
        flags: { domesticAbuse, hateCrime: rand() < 0.03, terrorism: false },
        anticipatedPlea: rand() < 0.5 ? 'not-guilty' : null,
      },
      people,
      events: renumbered,
    },
    officerIndex: Math.floor(rand() * (options.officers ?? 4)),
    restricted: rand() < 0.03,
  };
}
