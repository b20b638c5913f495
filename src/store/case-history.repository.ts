import type {
  CaseEvent,
  CaseHistory,
  PersonFacts,
} from '../domain/case-history/case-history.types.js';
import type { Db } from './database.js';
import type { Investigation, InvestigationStatus } from './database.types.js';
import { EventsRepository } from './events.repository.js';
import { InvestigationsRepository } from './investigations.repository.js';
import { PeopleRepository } from './people.repository.js';

export interface ImportOptions {
  officerInChargeId?: string | null;
  teamId?: string | null;
  recordedBy?: string | null;
  restricted?: boolean;
  status?: InvestigationStatus;
}

/**
 * Moves whole case histories (the domain's `CaseHistory`) in and out of the store. Case-history ids
 * become `ref`s; event fields other than id/at/type/person go to `events.details` under their format
 * names. Run `importCaseHistory` inside a transaction.
 */
export class CaseHistoryRepository {
  constructor(private readonly db: Db) {}

  async importCaseHistory(history: CaseHistory, options: ImportOptions = {}): Promise<Investigation> {
    const inv = history.investigation;
    const investigation = await new InvestigationsRepository(this.db).create({
      urn: inv.urn,
      reportedAt: inv.reportedAt,
      offenceDate: inv.offenceDate ?? null,
      offences: inv.offences,
      flags: inv.flags,
      anticipatedPlea: inv.anticipatedPlea ?? null,
      officerInChargeId: options.officerInChargeId ?? null,
      teamId: options.teamId ?? null,
      restricted: options.restricted ?? false,
      ...(options.status ? { status: options.status } : {}),
    });
    const people = new PeopleRepository(this.db);
    const personIds = new Map<string, string>();
    for (const p of history.people) {
      const row = await people.create({
        investigationId: investigation.id,
        ref: p.id,
        role: p.role,
        kind: p.kind,
        name: p.name ?? null,
        dateOfBirth: p.dateOfBirth ?? null,
        vulnerabilities: p.vulnerabilities ?? [],
        fearOrDistress: p.fearOrDistress ?? false,
        persistentlyTargeted: p.persistentlyTargeted ?? false,
        bereavedCloseRelative: p.bereavedCloseRelative ?? false,
        relationshipToSuspect: p.relationshipToSuspect ?? null,
        namedContact: p.namedContact ?? null,
        publicSector: p.publicSector ?? false,
      });
      personIds.set(p.id, row.id);
      if (p.contract) await people.upsertContract(row.id, p.contract);
    }
    const events = new EventsRepository(this.db);
    for (const e of history.events) {
      const { id, at, type, ...rest } = e as CaseEvent & { person?: string };
      const { person, ...details } = rest as { person?: string } & Record<string, unknown>;
      await events.append({
        investigationId: investigation.id,
        ref: id,
        type,
        at,
        personId: person === undefined ? null : (personIds.get(person) ?? null),
        recordedBy: options.recordedBy ?? null,
        details,
      });
    }
    return investigation;
  }

  /** The facts of one investigation as a case history (normalised: every person field present). */
  async load(investigationId: string, asOf?: string | null): Promise<CaseHistory | undefined> {
    const investigation = await new InvestigationsRepository(this.db).getById(investigationId);
    if (!investigation) return undefined;
    const [people, events] = await Promise.all([
      new PeopleRepository(this.db).listByInvestigation(investigationId),
      new EventsRepository(this.db).listByInvestigation(investigationId),
    ]);
    return {
      format: 'victim-care/case-history@1',
      ...(asOf !== undefined ? { asOf } : {}),
      investigation: {
        urn: investigation.urn,
        reportedAt: investigation.reportedAt,
        offenceDate: investigation.offenceDate,
        offences: investigation.offences,
        flags: investigation.flags,
        anticipatedPlea: investigation.anticipatedPlea,
      },
      people: people.map((p): PersonFacts => ({
        id: p.ref,
        role: p.role,
        kind: p.kind,
        ...(p.name !== null ? { name: p.name } : {}),
        dateOfBirth: p.dateOfBirth,
        vulnerabilities: p.vulnerabilities,
        fearOrDistress: p.fearOrDistress,
        persistentlyTargeted: p.persistentlyTargeted,
        bereavedCloseRelative: p.bereavedCloseRelative,
        relationshipToSuspect: p.relationshipToSuspect,
        namedContact: p.namedContact,
        publicSector: p.publicSector,
        ...(p.contract
          ? {
              contract: {
                preferredMethod: p.contract.preferredMethod,
                updateFrequencyDays: p.contract.updateFrequencyDays,
                timesToAvoid: p.contract.timesToAvoid,
                enhancedRecorded: p.contract.enhancedRecorded,
              },
            }
          : {}),
      })),
      events: events.map(
        (e) =>
          ({
            id: e.ref,
            at: e.at,
            type: e.type,
            ...(e.personRef !== null ? { person: e.personRef } : {}),
            ...e.details,
          }) as unknown as CaseEvent,
      ),
    };
  }
}
