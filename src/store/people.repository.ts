import { sql } from 'kysely';
import type { VictimContract } from '../domain/case-history/case-history.types.js';
import type { Db } from './database.js';
import type { Contract, Person, PersonLinkKind, PeopleTable } from './database.types.js';
import { json } from './sql-helpers.js';
import type { Insertable } from 'kysely';

export interface NewPerson {
  investigationId: string;
  /** Case-history id (`v1`); unique within the investigation. */
  ref: string;
  role: 'victim' | 'witness';
  kind: 'person' | 'business';
  name?: string | null;
  dateOfBirth?: string | null;
  vulnerabilities?: NonNullable<PersonWithContract['vulnerabilities']>;
  fearOrDistress?: boolean;
  persistentlyTargeted?: boolean;
  bereavedCloseRelative?: boolean;
  relationshipToSuspect?: Person['relationshipToSuspect'];
  namedContact?: string | null;
  publicSector?: boolean;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  linkedToPersonId?: string | null;
  linkKind?: PersonLinkKind | null;
}

export type PersonPatch = Partial<Omit<NewPerson, 'investigationId' | 'ref'>>;

export interface PersonWithContract extends Person {
  contract: Contract | null;
}

export class PeopleRepository {
  constructor(private readonly db: Db) {}

  create(person: NewPerson): Promise<Person> {
    return this.db.insertInto('people').values(toRow(person)).returningAll().executeTakeFirstOrThrow();
  }

  async update(id: string, patch: PersonPatch, now?: string): Promise<Person | undefined> {
    const { vulnerabilities, ...rest } = patch;
    return this.db
      .updateTable('people')
      .set({
        ...rest,
        ...(vulnerabilities ? { vulnerabilities: json(vulnerabilities) } : {}),
        updatedAt: now ?? sql<string>`now()`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  getById(id: string): Promise<Person | undefined> {
    return this.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getByRef(investigationId: string, ref: string): Promise<Person | undefined> {
    return this.db
      .selectFrom('people')
      .selectAll()
      .where('investigationId', '=', investigationId)
      .where('ref', '=', ref)
      .executeTakeFirst();
  }

  /** The people on an investigation with their contracts, in ref order (victims and witnesses mixed). */
  async listByInvestigation(investigationId: string): Promise<PersonWithContract[]> {
    const [people, contracts] = await Promise.all([
      this.db
        .selectFrom('people')
        .selectAll()
        .where('investigationId', '=', investigationId)
        .orderBy('createdAt')
        .orderBy('ref')
        .execute(),
      this.db
        .selectFrom('contracts as c')
        .innerJoin('people as p', 'p.id', 'c.personId')
        .selectAll('c')
        .where('p.investigationId', '=', investigationId)
        .execute(),
    ]);
    const byPerson = new Map(contracts.map((c) => [c.personId, c]));
    return people.map((p) => ({ ...p, contract: byPerson.get(p.id) ?? null }));
  }

  /** Next free ref with the given prefix (`v` → `v3` when v1, v2 exist). */
  async nextRef(investigationId: string, prefix: string): Promise<string> {
    const rows = await this.db
      .selectFrom('people')
      .select('ref')
      .where('investigationId', '=', investigationId)
      .where('ref', 'like', `${prefix}%`)
      .execute();
    return nextRefFrom(
      rows.map((r) => r.ref),
      prefix,
    );
  }

  getContract(personId: string): Promise<Contract | undefined> {
    return this.db.selectFrom('contracts').selectAll().where('personId', '=', personId).executeTakeFirst();
  }

  /** Creates or replaces the victim contract (fields absent from `contract` are reset to their defaults). */
  upsertContract(personId: string, contract: VictimContract, now?: string): Promise<Contract> {
    const values = {
      personId,
      preferredMethod: contract.preferredMethod ?? null,
      updateFrequencyDays: contract.updateFrequencyDays ?? null,
      timesToAvoid: json(contract.timesToAvoid ?? []),
      enhancedRecorded: contract.enhancedRecorded ?? false,
      ...(now ? { updatedAt: now } : {}),
    };
    return this.db
      .insertInto('contracts')
      .values(values)
      .onConflict((oc) =>
        oc.column('personId').doUpdateSet({
          preferredMethod: values.preferredMethod,
          updateFrequencyDays: values.updateFrequencyDays,
          timesToAvoid: values.timesToAvoid,
          enhancedRecorded: values.enhancedRecorded,
          updatedAt: now ?? sql<string>`now()`,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }
}

export function nextRefFrom(refs: readonly string[], prefix: string): string {
  let max = 0;
  for (const ref of refs) {
    const n = /^\d+$/.test(ref.slice(prefix.length)) ? Number(ref.slice(prefix.length)) : 0;
    if (ref.startsWith(prefix) && n > max) max = n;
  }
  return `${prefix}${max + 1}`;
}

function toRow(p: NewPerson): Insertable<PeopleTable> {
  return {
    investigationId: p.investigationId,
    ref: p.ref,
    role: p.role,
    kind: p.kind,
    name: p.name ?? null,
    dateOfBirth: p.dateOfBirth ?? null,
    vulnerabilities: json(p.vulnerabilities ?? []),
    fearOrDistress: p.fearOrDistress ?? false,
    persistentlyTargeted: p.persistentlyTargeted ?? false,
    bereavedCloseRelative: p.bereavedCloseRelative ?? false,
    relationshipToSuspect: p.relationshipToSuspect ?? null,
    namedContact: p.namedContact ?? null,
    publicSector: p.publicSector ?? false,
    phone: p.phone ?? null,
    email: p.email ?? null,
    address: p.address ?? null,
    linkedToPersonId: p.linkedToPersonId ?? null,
    linkKind: p.linkKind ?? null,
  };
}
