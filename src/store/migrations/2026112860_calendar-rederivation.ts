/**
 * Re-deriving the investigations a bank-holiday change affects. Forward-only.
 *
 * - `calendar_state`: one row, the calendar's version (0 until an administrator first changes it). A
 *   derivation reads it `for share` in its own transaction and an administrator's change updates it, so
 *   the two are serialised: a derivation either commits before the change or sees it.
 * - `calendar_changes`: one row per change (`version` = the calendar version it made): the date, added or
 *   removed, when and by whom; `queued_at` once the investigations it affects were put on the queue.
 * - `investigations.derived_calendar_version`: the calendar version its obligations were derived with.
 *   0 = before any recorded change, or not known (the bulk import writes its ledger itself).
 * - `calendar_rederivations`: the queue, one row per investigation still to re-derive, with the calendar
 *   version it must reach. Its primary key is the index that finds the stale investigations: it holds only
 *   those a change affects (an investigation with an obligation due on or after the changed date), so a
 *   sweep never scans the force. No foreign key (as the ledger): the sweep drops rows whose investigation
 *   is gone. `failed_at` / `error`: a derivation that failed on its own, left for an operator's
 *   `victim-care rederive`.
 *
 * Holidays an administrator added or removed before this migration (the current rows of `bank_holidays`
 * and the dates in the audit trail's bank-holiday entries) are recorded as changes not yet queued, one per
 * date: obligations derived before each was added or removed may still count with the calendar of the
 * time, and nothing records which, so the first sweep re-derives every investigation they may affect.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table calendar_state (
    id integer primary key check (id = 1),
    version bigint not null default 0
  )`.execute(db);

  await sql`create table calendar_changes (
    version bigint primary key,
    date date not null,
    change text not null check (change in ('added', 'removed')),
    name text,
    changed_at timestamptz not null default now(),
    changed_by uuid,
    queued_at timestamptz
  )`.execute(db);

  await sql`alter table investigations add column derived_calendar_version bigint not null default 0`.execute(
    db,
  );

  await sql`create table calendar_rederivations (
    investigation_id uuid primary key,
    calendar_version bigint not null,
    failed_at timestamptz,
    error text
  )`.execute(db);

  // Changes made before this migration: one per date, in date order, the latest audited time each.
  await sql`insert into calendar_changes (version, date, change, name, changed_at)
    select row_number() over (order by d.date), d.date,
      case when h.date is null then 'removed' else 'added' end, h.name, coalesce(d.at, now())
    from (
      select date, max(at) as at from (
        select date, null::timestamptz as at from bank_holidays
        union all
        select record_id::date, at from audit_log
        where record_type = 'bank-holiday' and record_id ~ '^\\d{4}-\\d{2}-\\d{2}$'
      ) x group by date
    ) d
    left join bank_holidays h on h.date = d.date`.execute(db);
  await sql`insert into calendar_state (id, version)
    select 1, coalesce(max(version), 0) from calendar_changes`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table calendar_rederivations`.execute(db);
  await sql`alter table investigations drop column derived_calendar_version`.execute(db);
  await sql`drop table calendar_changes`.execute(db);
  await sql`drop table calendar_state`.execute(db);
}
