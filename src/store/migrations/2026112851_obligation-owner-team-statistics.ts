/**
 * Tells the planner that an obligation's officer and team go together (the team is the investigation's,
 * the officer its OIC): without it, it multiplies their distinct counts, expects millions of (officer,
 * team) groups in the compliance summary, and will not aggregate in parallel workers. Forward-only.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create statistics if not exists obligations_owner_team_stats (ndistinct, dependencies)
    on owner_user_id, team_id from obligations`.execute(db);
  await sql`analyze obligations`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop statistics if exists obligations_owner_team_stats`.execute(db);
}
