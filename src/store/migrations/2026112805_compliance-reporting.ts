/**
 * Compliance reporting, breaches, letters and dip sampling (issue 5). Forward-only: a change is a new
 * migration.
 * - The dashboard reads a year of obligations by due date: a covering index lets PostgreSQL answer from
 *   the index alone (rule, status, team, officer, person and investigation are all it needs).
 * - The enhanced breakdown looks people up in the F-ENHANCED-NOT-RECORDED findings: a small partial index.
 * - Letters are listed per person on the case page; a contact is sampled for review at most once.
 * - A supervisor-approved justification for a filing letter (SOP 3.2.10.1: a letter where EL-FILING-LETTER
 *   does not permit one needs a recorded justification approved by a supervisor) is a fact of its own.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index obligations_compliance_idx on obligations (due_date)
    include (rule, status, team_id, owner_user_id, person_id, investigation_id)`.execute(db);
  await sql`create index findings_enhanced_person_idx on findings (person_id)
    where code = 'F-ENHANCED-NOT-RECORDED'`.execute(db);
  await db.schema
    .createIndex('letters_person_idx')
    .on('letters')
    .columns(['person_id', 'created_at'])
    .execute();
  await sql`create index events_enhanced_recorded_idx on events (person_id) where type = 'enhanced-recorded'`.execute(
    db,
  );
  await db.schema.dropIndex('dip_samples_event_idx').execute();
  await db.schema
    .createIndex('dip_samples_event_key')
    .on('dip_samples')
    .column('event_id')
    .unique()
    .execute();

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
  await db.schema
    .createIndex('filing_justifications_person_idx')
    .on('filing_justifications')
    .columns(['person_id', 'approved_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('filing_justifications').execute();
  await sql`drop index events_enhanced_recorded_idx`.execute(db);
  await db.schema.dropIndex('dip_samples_event_key').execute();
  await db.schema.createIndex('dip_samples_event_idx').on('dip_samples').column('event_id').execute();
  await db.schema.dropIndex('letters_person_idx').execute();
  await sql`drop index findings_enhanced_person_idx`.execute(db);
  await sql`drop index obligations_compliance_idx`.execute(db);
}
