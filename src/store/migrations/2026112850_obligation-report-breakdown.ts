/**
 * The compliance report's breakdowns stored on each obligation when it is derived, so that the dashboard
 * is a single-table aggregate over the period's obligations with no join to people, investigations,
 * contracts, findings or events (which cost three hash joins over millions of rows). Forward-only.
 *
 * - `under18`: the owed person was under 18 at the offence (src/domain/report-breakdown.ts decides it);
 *   null when their date of birth is not recorded or no person is owed (investigation-level obligations).
 * - `enhanced`: the person is counted as enhanced (recorded, or F-ENHANCED-NOT-RECORDED raised).
 *
 * Derivation (`replaceDerived`) and the bulk import (`insertMany`) write both from the domain's answer.
 * Rows derived before this migration are backfilled here once, with the same reading the report's SQL
 * used until now (age on the offence date, else the London report date; recorded on the contract or by an
 * event, or the finding); every later re-derivation writes the domain's answer. A force that prefers the
 * engine's own answer for old rows too re-imports (`victim-care import --replace`) or re-derives them.
 *
 * `obligations_compliance_idx` is replaced by one that covers what the summary reads (rule, status,
 * team, officer, the two breakdowns) and the per-victim MoJ return (person), so both are index-only scans
 * of the period's due dates once the table is vacuumed.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table obligations add column under18 boolean,
    add column enhanced boolean not null default false`.execute(db);
  await sql`update obligations o set under18 = b.under18, enhanced = b.enhanced
    from (
      select p.id,
        case when p.date_of_birth is null then null
          else p.date_of_birth > (coalesce(i.offence_date, (i.reported_at at time zone 'Europe/London')::date) - interval '18 years')::date
        end as under18,
        coalesce(c.enhanced_recorded, false)
          or exists (select 1 from findings f where f.person_id = p.id and f.code = 'F-ENHANCED-NOT-RECORDED')
          or exists (select 1 from events e where e.person_id = p.id and e.type = 'enhanced-recorded') as enhanced
      from people p
      join investigations i on i.id = p.investigation_id
      left join contracts c on c.person_id = p.id
    ) b
    where b.id = o.person_id`.execute(db);
  await sql`drop index if exists obligations_compliance_idx`.execute(db);
  await sql`create index obligations_compliance_idx on obligations (due_date)
    include (rule, status, team_id, owner_user_id, under18, enhanced, person_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists obligations_compliance_idx`.execute(db);
  await sql`create index obligations_compliance_idx on obligations (due_date)
    include (rule, status, team_id, owner_user_id, person_id, investigation_id)`.execute(db);
  await sql`alter table obligations drop column under18, drop column enhanced`.execute(db);
}
