/**
 * Rules-engine benchmark: a seeded, realistic mixture of 20,000 case histories (1–3 victims, 0–15 events
 * of realistic kinds in a plausible order, about a quarter enhanced), warmed up, then evaluated one by one
 * on one core, timing each evaluation with process.hrtime.bigint.
 *   npm run bench:rules            (node bin/tsx.js bench/rules.bench.ts [count] [seed])
 * Target: ≥ 50,000 evaluations per second.
 */
import { shippedCalendar } from '../src/domain/calendar/working-day-calendar.js';
import type {
  CaseEvent,
  CaseHistory,
  ContactMethod,
  ContactPurpose,
  OffenceCategory,
  PersonFacts,
} from '../src/domain/case-history/case-history.types.js';
import { evaluateCase } from '../src/domain/evaluate.js';
import { shippedRulePack } from '../src/domain/rules/rule-pack.js';

const COUNT = Number(process.argv[2] ?? 20_000);
const SEED = Number(process.argv[3] ?? 20260320);
const TARGET = 50_000;

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const rnd = prng(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const chance = (p: number) => rnd() < p;
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const date = (ms: number) => iso(ms).slice(0, 10);

const ORDINARY: OffenceCategory[] = [
  'violence-with-injury',
  'violence-without-injury',
  'burglary',
  'theft',
  'theft',
  'vehicle-crime',
  'criminal-damage',
  'fraud',
  'public-order',
  'robbery',
  'stalking-harassment',
  'threats-to-kill',
  'weapons',
  'threat-to-damage-property',
];
const SERIOUS: OffenceCategory[] = [
  'sexual',
  'sexual',
  'gbh-with-intent',
  'kidnap',
  'modern-slavery',
  'attempted-murder',
  'homicide',
];
const METHODS: ContactMethod[] = ['phone', 'phone', 'phone', 'in-person', 'video', 'email', 'text', 'letter'];
const SUMMARIES = [
  'Spoke to the victim, explained the arrest of the suspect and the next steps in the investigation.',
  'Victim updated',
  'No answer; voicemail left asking the victim to call the OIC back on the direct line.',
  'Explained bail conditions to the victim and the date the suspect must answer bail at the station.',
  'update given',
];

function makeCase(n: number): CaseHistory {
  const reportedMs =
    Date.UTC(2019, 0, 1) + Math.floor(rnd() * 8 * 365) * DAY + int(7, 23) * HOUR + int(0, 59) * 60_000;
  const enhancedCase = chance(0.25);
  const offences = [{ category: enhancedCase && chance(0.6) ? pick(SERIOUS) : pick(ORDINARY) }];
  if (chance(0.2)) offences.push({ category: pick(ORDINARY) });
  const domesticAbuse = enhancedCase && !SERIOUS.includes(offences[0]!.category) && chance(0.7);
  const people: PersonFacts[] = [];
  const victims = int(1, 3);
  for (let i = 1; i <= victims; i++) {
    const business = chance(0.08);
    const child = enhancedCase && chance(0.25);
    people.push({
      id: `v${i}`,
      role: 'victim',
      kind: business ? 'business' : 'person',
      name: `Person ${n}-${i}`,
      dateOfBirth: business ? null : date(reportedMs - (child ? int(8, 17) : int(18, 85)) * 365.25 * DAY),
      vulnerabilities: enhancedCase && chance(0.15) ? ['mental-disorder'] : [],
      fearOrDistress: enhancedCase && chance(0.2),
      persistentlyTargeted: chance(0.04),
      bereavedCloseRelative: offences[0]!.category === 'homicide',
      relationshipToSuspect: domesticAbuse && chance(0.5) ? 'spouse' : null,
      namedContact: business && chance(0.7) ? 'Store manager' : null,
      contract: {
        preferredMethod: pick(METHODS),
        updateFrequencyDays: chance(0.5) ? pick([7, 14, 21, 28, 35]) : null,
        timesToAvoid: chance(0.3)
          ? [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }]
          : [],
        enhancedRecorded: enhancedCase && chance(0.7),
      },
    });
  }
  if (chance(0.3)) {
    people.push({
      id: 'w1',
      role: 'witness',
      kind: 'person',
      name: `Witness ${n}`,
      dateOfBirth: '1980-05-05',
    });
  }

  const events: CaseEvent[] = [];
  const target = int(0, 15);
  let t = reportedMs;
  let id = 0;
  const next = (minH: number, maxH: number) => (t += int(minH, maxH) * HOUR + int(0, 59) * 60_000);
  const victim = () => pick(people.filter((p) => p.role === 'victim')).id;
  const contact = (purposes: ContactPurpose[], informs?: string[]) => {
    events.push({
      id: `e${++id}`,
      at: iso(next(2, 60)),
      type: 'contact',
      person: victim(),
      method: pick(METHODS),
      outcome: chance(0.75) ? 'successful' : 'unsuccessful',
      purposes,
      ...(informs ? { informs } : {}),
      summary: pick(SUMMARIES),
    });
  };
  const steps: (() => void)[] = [
    () => contact(['initial-contact']),
    () =>
      events.push({
        id: `e${++id}`,
        at: iso(next(1, 30)),
        type: 'support-referral',
        person: victim(),
        service: pick(['victim-support', 'isva', 'idva', 'other'] as const),
        consent: pick(['explicit', 'implied'] as const),
      }),
    () =>
      events.push({
        id: `e${++id}`,
        at: iso(next(1, 48)),
        type: 'needs-assessment',
        person: victim(),
        urn: chance(0.95) ? `46/${n}/26` : '46/0/26',
      }),
    () => events.push({ id: `e${++id}`, at: iso(next(1, 48)), type: 'victim-care-card', person: victim() }),
    () => events.push({ id: `e${++id}`, at: iso(next(4, 96)), type: 'statement', person: victim() }),
    () =>
      events.push({
        id: `e${++id}`,
        at: iso(next(0, 4)),
        type: 'vps-offered',
        person: victim(),
        accepted: chance(0.5),
      }),
    () => {
      const arrest = `e${++id}`;
      events.push({ id: arrest, at: iso(next(24, 300)), type: 'suspect-arrested' });
      events.push({ id: `e${++id}`, at: iso(next(2, 10)), type: 'suspect-interviewed' });
      contact(['mandatory-update'], [arrest, `e${id - 1}`]);
    },
    () => {
      const e = `e${++id}`;
      events.push({
        id: e,
        at: iso(next(1, 12)),
        type: pick([
          'suspect-bailed',
          'suspect-released-under-investigation',
          'bail-conditions-changed',
        ] as const),
      });
      contact(['mandatory-update'], [e]);
    },
    () => contact(['investigative-update']),
    () => {
      if (chance(0.15)) {
        events.push({ id: `e${++id}`, at: iso(next(1, 200)), type: 'updates-declined', person: victim() });
      } else contact(['investigative-update', 'other']);
    },
    () => {
      if (chance(0.6)) {
        const hearing = date(t + int(14, 60) * DAY);
        events.push({
          id: `e${++id}`,
          at: iso(next(48, 900)),
          type: 'suspect-charged',
          firstHearingDate: hearing,
        });
        events.push({ id: `e${++id}`, at: iso(next(1, 30)), type: 'vwcu-handover' });
      } else {
        events.push({
          id: `e${++id}`,
          at: iso(next(48, 900)),
          type: pick([
            'investigation-filed',
            'decision-not-to-charge',
            'suspect-released-nfa',
            'out-of-court-disposal',
          ] as const),
        });
      }
    },
    () => {
      const h = `e${++id}`;
      events.push({ id: h, at: iso(next(24, 200)), type: 'hearing-date-received' });
      contact(['other'], [h]);
    },
    () => {
      events.push({ id: `e${++id}`, at: iso(next(200, 2000)), type: 'outcome-received' });
      events.push({
        id: `e${++id}`,
        at: iso(next(1, 24)),
        type: 'sentence',
        custodyMonths: pick([0, 6, 12, 24, 48]),
        hospitalOrder: chance(0.03),
        offenceCategory: offences[0]!.category,
      });
    },
    () => {
      const c = `e${++id}`;
      const who = victim();
      events.push({ id: c, at: iso(next(24, 400)), type: 'complaint-received', person: who });
      if (chance(0.7)) {
        events.push({
          id: `e${++id}`,
          at: iso(next(24, 300)),
          type: 'complaint-responded',
          person: who,
          complaint: c,
        });
      }
    },
  ];
  for (const step of steps) {
    if (events.length >= target) break;
    if (chance(0.8)) step();
  }
  events.length = Math.min(events.length, 15);
  const asOfMs = t + int(1, 60) * DAY;
  return {
    format: 'victim-care/case-history@1',
    asOf: iso(asOfMs),
    investigation: {
      urn: `46/${n}/26`,
      reportedAt: iso(reportedMs),
      offenceDate: chance(0.8) ? date(reportedMs - int(0, 5) * DAY) : null,
      offences,
      flags: { domesticAbuse, hateCrime: enhancedCase && chance(0.1), terrorism: false },
      anticipatedPlea: pick(['guilty', 'not-guilty', null] as const),
    },
    people,
    events,
  };
}

const cases = Array.from({ length: COUNT }, (_, i) => makeCase(i));
// Drop dangling informs left by the 15-event cap, as the reader would refuse them.
for (const c of cases) {
  const ids = new Set(c.events.map((e) => e.id));
  for (const e of c.events) {
    if (e.type === 'contact' && e.informs) e.informs = e.informs.filter((x) => ids.has(x));
  }
}
const pack = shippedRulePack();
const calendar = shippedCalendar();
const options = cases.map((c) => ({ pack, calendar, asOf: c.asOf! }));

const enhanced = { yes: 0, people: 0 };
let events = 0;
let obligations = 0;
for (let i = 0; i < cases.length; i++) {
  const r = evaluateCase(cases[i]!, options[i]!); // warm-up pass 1, and a sanity count
  events += cases[i]!.events.length;
  obligations += r.obligations.length;
  for (const p of r.people) {
    if (cases[i]!.people.find((x) => x.id === p.id)?.role !== 'victim') continue;
    enhanced.people += 1;
    if (p.enhanced) enhanced.yes += 1;
  }
}
for (let i = 0; i < Math.min(cases.length, 5_000); i++) evaluateCase(cases[i]!, options[i]!); // warm-up pass 2

const times = new Float64Array(cases.length);
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
for (let i = 0; i < cases.length; i++) {
  const s = process.hrtime.bigint();
  evaluateCase(cases[i]!, options[i]!);
  times[i] = Number(process.hrtime.bigint() - s) / 1_000;
}
const totalS = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
const cpuS = (cpu.user + cpu.system) / 1e6;
times.sort();
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
const perSecond = cases.length / totalS;

console.log(
  `rules engine: ${cases.length} case histories (seed ${SEED}), ${(events / cases.length).toFixed(1)} events/case, ` +
    `${(obligations / cases.length).toFixed(1)} obligations/case, ${((100 * enhanced.yes) / enhanced.people).toFixed(0)}% of victims enhanced`,
);
console.log(
  `  evaluations/s  ${Math.round(perSecond).toLocaleString('en-GB')}  (target ≥ ${TARGET.toLocaleString('en-GB')})`,
);
console.log(
  `  per CPU-second ${Math.round(cases.length / cpuS).toLocaleString('en-GB')}  (wall ${totalS.toFixed(2)} s, CPU ${cpuS.toFixed(2)} s: on a shared machine wall time includes waiting)`,
);
console.log(`  p50 per case   ${pct(50).toFixed(1)} µs`);
console.log(`  p99 per case   ${pct(99).toFixed(1)} µs`);
console.log(`  max per case   ${times[times.length - 1]!.toFixed(1)} µs`);
console.log(perSecond >= TARGET ? '  PASS' : '  BELOW TARGET');
