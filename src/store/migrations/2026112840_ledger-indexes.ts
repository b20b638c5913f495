/**
 * The derived ledger (obligations, findings) for page-sized worklists and a fast import. Forward-only:
 * a change is a new migration.
 *
 * Worklists (ObligationsRepository): the default order is `(due_date, id)`, columns of obligations
 * only, so each open partial index ends in `due_date, id` and PostgreSQL walks it in order and stops
 * at LIMIT; investigations and people are joined for the page's rows only. The bucket counts read the
 * same indexes alone (index-only scans):
 * - an officer's list: `(owner_user_id, due_date, id)`;
 * - a team's list (owner `oic` by default) and its per-officer counts: `(team_id, owner, due_date, id)`
 *   including `owner_user_id`;
 * - the VWCU queue (owner `vwcu`, optionally a team): `(owner, due_date, id)`;
 * - the IMU queue keeps `obligations_open_rule_idx (rule, due_date)`.
 *
 * Dropped because no query reads them (every query on obligations and findings in src/store was checked):
 * - `obligations_due_rule_idx`: compliance reads due-date ranges from `obligations_compliance_idx`
 *   (due_date, including rule, status, team, officer, person, investigation), which serves the same scans;
 * - `obligations_person_idx`, `findings_code_idx`: no lookup by person or by code alone (the enhanced
 *   breakdown uses the partial `findings_enhanced_person_idx`); they existed for cascades (below);
 * - the replaced open indexes `obligations_open_owner_user_idx`, `obligations_open_team_idx`,
 *   `obligations_open_owner_rule_idx`.
 *
 * Foreign keys from the ledger to people, events, users and teams are dropped (the one to investigations
 * stays, with its cascade). The ledger is written only by derivation, which resolves every person and
 * event from the same case in the same transaction, and is replaced wholesale on every re-derivation;
 * people and events are deleted only with their investigation, whose cascade removes the ledger rows
 * first. The constraints protected nothing derivation does not, and cost a trigger per row and per key on
 * every import and re-derivation (about half of a bulk insert's time in EXPLAIN ANALYZE).
 */
import { sql, type Kysely } from 'kysely';

const OPEN = sql`where status in ('due', 'overdue')`;

const LEDGER_FOREIGN_KEYS: readonly [table: string, constraint: string, definition: string][] = [
  [
    'obligations',
    'obligations_person_id_fkey',
    'foreign key (person_id) references people(id) on delete cascade',
  ],
  [
    'obligations',
    'obligations_trigger_event_id_fkey',
    'foreign key (trigger_event_id) references events(id) on delete cascade',
  ],
  [
    'obligations',
    'obligations_met_by_event_id_fkey',
    'foreign key (met_by_event_id) references events(id) on delete set null',
  ],
  ['obligations', 'obligations_owner_user_id_fkey', 'foreign key (owner_user_id) references users(id)'],
  ['obligations', 'obligations_team_id_fkey', 'foreign key (team_id) references teams(id)'],
  ['findings', 'findings_person_id_fkey', 'foreign key (person_id) references people(id) on delete cascade'],
  ['findings', 'findings_event_id_fkey', 'foreign key (event_id) references events(id) on delete cascade'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, constraint] of LEDGER_FOREIGN_KEYS) {
    await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(constraint)}`.execute(db);
  }
  for (const index of [
    'obligations_due_rule_idx',
    'obligations_person_idx',
    'obligations_open_owner_user_idx',
    'obligations_open_team_idx',
    'obligations_open_owner_rule_idx',
    'findings_code_idx',
  ]) {
    await sql`drop index if exists ${sql.id(index)}`.execute(db);
  }
  await sql`create index obligations_open_user_due_idx on obligations (owner_user_id, due_date, id) ${OPEN}`.execute(
    db,
  );
  await sql`create index obligations_open_team_due_idx on obligations (team_id, owner, due_date, id)
    include (owner_user_id) ${OPEN}`.execute(db);
  await sql`create index obligations_open_owner_due_idx on obligations (owner, due_date, id) ${OPEN}`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'obligations_open_user_due_idx',
    'obligations_open_team_due_idx',
    'obligations_open_owner_due_idx',
  ]) {
    await sql`drop index if exists ${sql.id(index)}`.execute(db);
  }
  await sql`create index findings_code_idx on findings (code, investigation_id)`.execute(db);
  await sql`create index obligations_open_owner_rule_idx on obligations (owner, rule, due_date) ${OPEN}`.execute(
    db,
  );
  await sql`create index obligations_open_team_idx on obligations (team_id, due_date) ${OPEN}`.execute(db);
  await sql`create index obligations_open_owner_user_idx on obligations (owner_user_id, due_date) ${OPEN}`.execute(
    db,
  );
  await sql`create index obligations_person_idx on obligations (person_id)`.execute(db);
  await sql`create index obligations_due_rule_idx on obligations (due_date, rule, team_id, owner_user_id)`.execute(
    db,
  );
  for (const [table, constraint, definition] of LEDGER_FOREIGN_KEYS) {
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(constraint)} ${sql.raw(definition)}`.execute(
      db,
    );
  }
}
