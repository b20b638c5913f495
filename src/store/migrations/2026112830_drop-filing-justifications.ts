/**
 * A supervisor's approval of a filing-letter justification is recorded as a `filing-signed-off` event on
 * the timeline (with `letterJustificationApproved`), where the rules engine and the letter guard read it;
 * the separate table 2026112805 created for it is not used and goes.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('filing_justifications').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('filing_justifications')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('investigation_id', 'uuid', (c) =>
      c.notNull().references('investigations.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('approved_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index filing_justifications_person_idx on filing_justifications (person_id, approved_at)`.execute(
    db,
  );
}
