/** Letters kept against the record: the PDF as sent, who made it, and the event that recorded its sending. */
import type { Db } from './database.js';
import type { Letter } from './database.types.js';

export type LetterSummary = Omit<Letter, 'pdf'> & {
  personName: string | null;
  createdByName: string | null;
  eventRef: string | null;
};

export class LettersRepository {
  constructor(private readonly db: Db) {}

  async create(letter: {
    investigationId: string;
    personId: string | null;
    kind: string;
    createdBy: string | null;
    createdAt: string;
    pdf: Uint8Array;
    eventId: string | null;
  }): Promise<Omit<Letter, 'pdf'>> {
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
      .select([
        'l.id',
        'l.investigationId',
        'l.personId',
        'l.kind',
        'l.createdBy',
        'l.createdAt',
        'l.eventId',
        'p.name as personName',
        'u.displayName as createdByName',
        'e.ref as eventRef',
      ])
      .where('l.investigationId', '=', investigationId)
      .orderBy('l.createdAt', 'desc')
      .orderBy('l.id')
      .execute();
  }
}
