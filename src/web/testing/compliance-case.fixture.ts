/**
 * A small investigation recorded through the real services (so obligations are derived from the contact
 * log), for the compliance, breach and letter page tests: an arrest on a Monday (by default 2 March 2026)
 * told to the victim only on the Tuesday of the week after, a mandatory update met late (due the next
 * Monday: 5 working days). Choose a `monday` with no bank holiday in the following week.
 */
const DAY = 86_400_000;
const at = (monday: string, days: number, time: string) =>
  new Date(Date.parse(`${monday}T${time}:00.000Z`) + days * DAY).toISOString();
import type { Actor } from '../../auth/access.policy.js';
import type { Services } from '../../composition-root.js';
import type { Investigation, Person } from '../../store/database.types.js';

export interface LateUpdateCase {
  investigation: Investigation;
  victim: Person;
  arrestRef: string;
}

export async function recordLateUpdateCase(
  services: Services,
  officer: Actor,
  urn: string,
  victim: { name: string; dateOfBirth?: string; fearOrDistress?: boolean; address?: string } = {
    name: 'Alex Turner',
  },
  monday = '2026-03-02',
): Promise<LateUpdateCase> {
  const investigation = await services.cases.createInvestigation(officer, {
    urn,
    reportedAt: at(monday, 0, '09:00'),
    offenceDate: at(monday, -1, '09:00').slice(0, 10),
    offences: [{ category: 'burglary' }],
    flags: { domesticAbuse: false, hateCrime: false, terrorism: false },
    restricted: false,
    namedUserIds: [],
  });
  const person = await services.cases.addPerson(officer, investigation.id, {
    role: 'victim',
    kind: 'person',
    name: victim.name,
    dateOfBirth: victim.dateOfBirth ?? '1985-06-01',
    fearOrDistress: victim.fearOrDistress ?? false,
    address: victim.address ?? '12 Orchard Way, Maidstone, ME14 1AA',
    contract: { preferredMethod: 'phone' },
  });
  await services.cases.recordEvent(officer, investigation.id, {
    id: '__new__',
    type: 'suspect-arrested',
    at: at(monday, 0, '11:00'),
  } as never);
  const arrest = (await services.cases.getCase(officer, investigation.id)).events.find(
    (e) => e.type === 'suspect-arrested',
  )!;
  await services.cases.recordEvent(officer, investigation.id, {
    id: '__new__',
    type: 'contact',
    at: at(monday, 8, '10:00'),
    person: person.ref,
    method: 'phone',
    outcome: 'successful',
    purposes: ['mandatory-update', 'initial-contact'],
    informs: [arrest.ref],
    summary: 'Told the victim about the arrest of the suspect and what happens next in the investigation.',
  } as never);
  return { investigation, victim: person, arrestRef: arrest.ref };
}
