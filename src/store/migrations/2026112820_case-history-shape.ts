/**
 * How an imported case-history document wrote what the columns cannot keep (see
 * case-history.repository.ts): optional fields given with their default value, the document's `asOf`,
 * the order of its people, and instants written other than in the export's canonical form. Null when the
 * record was not imported or the document needed nothing kept. Export uses it so import → export gives
 * the same document back.
 */
import { type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('investigations').addColumn('source_shape', 'jsonb').execute();
  await db.schema.alterTable('people').addColumn('source_shape', 'jsonb').execute();
  await db.schema.alterTable('events').addColumn('source_at', 'text').execute();
}
