/**
 * Letters kept against the record (the PDF as sent), and supervisors' approved justifications for a
 * filing letter where EL-FILING-LETTER alone does not permit one (SOP 3.2.10.1).
 */
import type { Generated, Selectable } from 'kysely';
import type { Db } from './database.js';
import type { Letter } from './database.types.js';

export interface FilingJustificationsTable {
  id: Generated<number>;
  investigationId: string;
  personId: string;
  justification: string;
  approvedBy: string;
  approvedAt: string;
}
export type FilingJustification = Selectable<FilingJustificationsTable>;

export type LetterSummary = Omit<Letter, 'pdf'> & { personName: string | null; createdByName: string | null; eventRef: string | null };

export class LettersRepository {
  constructor(private readonly db: Db) {}

  private get withJustifications() {
    return this.db.withTables<{ filingJustifications: FilingJustificationsTable }>();
  }

  async create(letter: { investigationId: string; personId: string | null; kind: string; createdBy: string | null; createdAt: string; pdf: Uint8Array; eventId: string | null }): Promise<Omit<Letter, 'pdf'>> {
    return this.db
      .insertInto('letters')
      .values(letter)
      .returning(['id', 'investigationId', 'personId', 'kind', 'createdBy', 'createdAt', 'eventId'])
      .executeTakeFirstOrThrow();
  }

  get(id: string): Promise<Letter | undefined> {
    return this.db.selectFrom('letters').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listByInvestigation(investigationId: string): Promise<LetterSummary[]> {
    return this.db
      .selectFrom('letters as l')
      .leftJoin('people as p', 'p.id', 'l.personId')
      .leftJoin('users as u', 'u.id', 'l.createdBy')
      .leftJoin('events as e', 'e.id', 'l.eventId')
      .select(['l.id', 'l.investigationId', 'l.personId', 'l.kind', 'l.createdBy', 'l.createdAt', 'l.eventId', 'p.name as personName', 'u.displayName as createdByName', 'e.ref as eventRef'])
      .where('l.investigationId', '=', investigationId)
      .orderBy('l.createdAt', 'desc')
      .orderBy('l.id')
      .execute();
  }

  async approveJustification(j: Omit<FilingJustification, 'id'>): Promise<FilingJustification> {
    const row = await this.withJustifications.insertInto('filingJustifications').values(j).returningAll().executeTakeFirstOrThrow();
    return { ...row, id: Number(row.id) };
  }

  async latestJustification(personId: string): Promise<FilingJustification | undefined> {
    const row = await this.withJustifications
      .selectFrom('filingJustifications')
      .selectAll()
      .where('personId', '=', personId)
      .orderBy('approvedAt', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row ? { ...row, id: Number(row.id) } : undefined;
  }
}
