/**
 * The initial schema. Forward-only: once committed this file is never edited; a change is a new migration.
 * Sized for a whole force (millions of people, tens of millions of events and obligations): every foreign
 * key that is used to look rows up has an index, and the worklists read small partial indexes over open
 * obligations only.
 */
import { sql, type Kysely } from 'kysely';

const OPEN = sql<boolean>`status in ('due', 'overdue')`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('officer', 'supervisor', 'imu', 'vwcu', 'compliance', 'admin')`),
    )
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id'))
    .addColumn('password_hash', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('users_team_idx').on('users').columns(['team_id', 'display_name']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('csrf_secret', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

  await db.schema
    .createTable('investigations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('urn', 'text', (c) => c.notNull().unique())
    .addColumn('reported_at', 'timestamptz', (c) => c.notNull())
    .addColumn('offence_date', 'date')
    .addColumn('offences', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('flags', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('anticipated_plea', 'text', (c) => c.check(sql`anticipated_plea in ('guilty', 'not-guilty')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'charged', 'court', 'filed', 'closed')`),
    )
    .addColumn('officer_in_charge_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id'))
    .addColumn('restricted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // URN prefix search (the unique index's collation cannot serve LIKE 'prefix%').
  await sql`create index investigations_urn_prefix_idx on investigations (urn text_pattern_ops)`.execute(db);
  await db.schema
    .createIndex('investigations_oic_idx')
    .on('investigations')
    .columns(['officer_in_charge_id', 'reported_at'])
    .execute();
  await db.schema
    .createIndex('investigations_team_idx')
    .on('investigations')
    .columns(['team_id', 'reported_at'])
    .execute();

  await db.schema
    .createTable('investigation_access')
    .addColumn('investigation_id', 'uuid', (c) =>
      c.notNull().references('investigations.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('granted_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('investigation_access_pk', ['investigation_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('investigation_access_user_idx')
    .on('investigation_access')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('investigation_id', 'uuid', (c) =>
      c.notNull().references('investigations.id').onDelete('cascade'),
    )
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('victim', 'witness')`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('person', 'business')`))
    .addColumn('name', 'text')
    .addColumn('date_of_birth', 'date')
    .addColumn('vulnerabilities', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('fear_or_distress', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('persistently_targeted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('bereaved_close_relative', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('relationship_to_suspect', 'text')
    .addColumn('named_contact', 'text')
    .addColumn('public_sector', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('address', 'text')
    .addColumn('linked_to_person_id', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('link_kind', 'text', (c) =>
      c.check(sql`link_kind in ('parent-guardian', 'nominated-spokesperson')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('people_investigation_ref_key', ['investigation_id', 'ref'])
    .execute();
  // Name search: a word-prefix full-text index (any word of the name: "smi" finds "Alex Smith") and a
  // whole-name prefix index. Both are core PostgreSQL, so no extension is needed on either engine.
  // Apostrophes are dropped so "obrien" finds "O'Brien"; the search must use this exact expression.
  await sql`create index people_name_words_idx on people
    using gin (to_tsvector('simple', translate(coalesce(name, ''), '''’', '')))`.execute(db);
  await sql`create index people_name_prefix_idx on people (lower(name) text_pattern_ops)`.execute(db);
  await db.schema.createIndex('people_linked_idx').on('people').column('linked_to_person_id').execute();

  await db.schema
    .createTable('contracts')
    .addColumn('person_id', 'uuid', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('preferred_method', 'text')
    .addColumn('update_frequency_days', 'integer')
    .addColumn('times_to_avoid', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('enhanced_recorded', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('seq', 'bigserial', (c) => c.notNull().unique())
    .addColumn('investigation_id', 'uuid', (c) =>
      c.notNull().references('investigations.id').onDelete('cascade'),
    )
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.references('people.id'))
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addUniqueConstraint('events_investigation_ref_key', ['investigation_id', 'ref'])
    .execute();
  await db.schema
    .createIndex('events_investigation_at_idx')
    .on('events')
    .columns(['investigation_id', 'at', 'seq'])
    .execute();
  await db.schema.createIndex('events_person_idx').on('events').columns(['person_id', 'at']).execute();
  // Supervisors' dip sampling and activity reports read contacts by who recorded them and when.
  await db.schema
    .createIndex('events_recorded_by_idx')
    .on('events')
    .columns(['recorded_by', 'recorded_at'])
    .execute();

  await db.schema
    .createTable('obligations')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('investigation_id', 'uuid', (c) =>
      c.notNull().references('investigations.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'uuid', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('trigger_event_id', 'uuid', (c) => c.references('events.id').onDelete('cascade'))
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('met', 'met-late', 'overdue', 'due', 'not-required')`),
    )
    .addColumn('met_at', 'timestamptz')
    .addColumn('met_by_event_id', 'uuid', (c) => c.references('events.id').onDelete('set null'))
    .addColumn('owner', 'text', (c) => c.notNull().check(sql`owner in ('oic', 'imu', 'vwcu', 'hmpps')`))
    .addColumn('owner_user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('derived_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('obligations_investigation_idx')
    .on('obligations')
    .column('investigation_id')
    .execute();
  // Worklists: small partial indexes over open obligations only.
  await db.schema
    .createIndex('obligations_open_owner_user_idx')
    .on('obligations')
    .columns(['owner_user_id', 'due_date'])
    .where(OPEN)
    .execute();
  await db.schema
    .createIndex('obligations_open_team_idx')
    .on('obligations')
    .columns(['team_id', 'due_date'])
    .where(OPEN)
    .execute();
  await db.schema
    .createIndex('obligations_open_owner_rule_idx')
    .on('obligations')
    .columns(['owner', 'rule', 'due_date'])
    .where(OPEN)
    .execute();
  await db.schema
    .createIndex('obligations_open_rule_idx')
    .on('obligations')
    .columns(['rule', 'due_date'])
    .where(OPEN)
    .execute();
  // Compliance reports: by period (due date range), then rule / team / officer.
  await db.schema
    .createIndex('obligations_due_rule_idx')
    .on('obligations')
    .columns(['due_date', 'rule', 'team_id', 'owner_user_id'])
    .execute();
  await db.schema.createIndex('obligations_person_idx').on('obligations').column('person_id').execute();

  await db.schema
    .createTable('findings')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('investigation_id', 'uuid', (c) =>
      c.notNull().references('investigations.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'uuid', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('rule', 'text')
    .addColumn('event_id', 'uuid', (c) => c.references('events.id').onDelete('cascade'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('derived_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('findings_investigation_idx')
    .on('findings')
    .column('investigation_id')
    .execute();
  await db.schema
    .createIndex('findings_code_idx')
    .on('findings')
    .columns(['code', 'investigation_id'])
    .execute();

  // Hash-chained audit trail: no foreign keys, so the trail outlives what it describes.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('user_id', 'uuid')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text')
    .addColumn('investigation_id', 'uuid')
    .addColumn('reason', 'text')
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_record_idx')
    .on('audit_log')
    .columns(['record_type', 'record_id', 'at'])
    .execute();
  await db.schema.createIndex('audit_log_user_idx').on('audit_log').columns(['user_id', 'at']).execute();
  await db.schema
    .createIndex('audit_log_investigation_idx')
    .on('audit_log')
    .columns(['investigation_id', 'at'])
    .execute();

  await db.schema
    .createTable('letters')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('investigation_id', 'uuid', (c) =>
      c.notNull().references('investigations.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'uuid', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('pdf', 'bytea', (c) => c.notNull())
    .addColumn('event_id', 'uuid', (c) => c.references('events.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('letters_investigation_idx')
    .on('letters')
    .columns(['investigation_id', 'created_at'])
    .execute();

  // A breach is recorded against an obligation's identity, which survives re-derivation (ids do not).
  await db.schema
    .createTable('breaches')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('investigation_id', 'uuid', (c) =>
      c.notNull().references('investigations.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'uuid', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('trigger_event_id', 'uuid', (c) => c.references('events.id').onDelete('cascade'))
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('remedial_action', 'text')
    .addColumn('signed_off_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('signed_off_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // NULLS NOT DISTINCT is PostgreSQL 15+: a null person/trigger still identifies one obligation.
  await sql`create unique index breaches_obligation_key on breaches
    (investigation_id, person_id, rule, trigger_event_id, due_date) nulls not distinct`.execute(db);

  await db.schema
    .createTable('dip_samples')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('supervisor_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('drawn_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('outcome', 'text')
    .addColumn('notes', 'text')
    .addColumn('reviewed_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('dip_samples_supervisor_idx')
    .on('dip_samples')
    .columns(['supervisor_id', 'drawn_at'])
    .execute();
  await db.schema.createIndex('dip_samples_event_idx').on('dip_samples').column('event_id').execute();

  await db.schema
    .createTable('bank_holidays')
    .addColumn('date', 'date', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('shipped', 'admin')`))
    .execute();
}
