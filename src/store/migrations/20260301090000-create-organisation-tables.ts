import type { Knex } from 'knex';

/**
 * Organisation tables: regions, teams, professionals, municipalities and deadline rules.
 * Code lists in CHECK constraints are written out here rather than imported, so this migration
 * keeps meaning what it meant when it ran; a later change to a list is a new migration.
 * Meeting calendars are JSON (validated by `org-schemas.ts` on the way in and out): a calendar is
 * read and written whole, never queried by its parts.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('regions', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('group_name').notNullable();
    t.jsonb('meeting_calendar').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('teams', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('region_id').notNullable().references('regions.id');
    // Foreign key added below, once professionals exists: teams and professionals refer to each other.
    t.text('consultant_id');
    t.jsonb('meeting_calendar').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('professionals', (t) => {
    t.text('id').primary();
    t.text('display_name').notNullable();
    t.text('role').notNullable();
    t.text('team_id').notNullable().references('teams.id');
    t.integer('capacity').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.date('absent_until');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['team_id']);
  });
  await knex.raw(`ALTER TABLE professionals ADD CONSTRAINT professionals_role_check
    CHECK (role IN ('NURSE', 'SOCIAL_COUNSELLOR', 'SOCIAL_WORKER', 'TEAM_LEAD', 'CONSULTANT'))`);
  await knex.raw('ALTER TABLE professionals ADD CONSTRAINT professionals_capacity_check CHECK (capacity >= 0)');
  // Deferred, so a team and its consultant can be inserted in one transaction in either order.
  await knex.raw(`ALTER TABLE teams ADD CONSTRAINT teams_consultant_id_foreign
    FOREIGN KEY (consultant_id) REFERENCES professionals (id) DEFERRABLE INITIALLY DEFERRED`);

  await knex.schema.createTable('municipalities', (t) => {
    t.string('code', 3).primary();
    t.text('name').notNullable().unique();
    t.text('swedish_name');
    t.text('region_id').notNullable().references('regions.id');
    t.text('team_id').notNullable().references('teams.id');
  });
  await knex.raw("ALTER TABLE municipalities ADD CONSTRAINT municipalities_code_check CHECK (code ~ '^[0-9]{3}$')");

  // Teams besides the default one that may take a municipality's cases (Turku's other teams).
  await knex.schema.createTable('municipality_alternative_teams', (t) => {
    t.string('municipality_code', 3).notNullable().references('municipalities.code');
    t.text('team_id').notNullable().references('teams.id');
    t.primary(['municipality_code', 'team_id']);
  });

  await knex.schema.createTable('deadline_rules', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('event').notNullable();
    t.integer('amount').notNullable();
    t.text('unit').notNullable();
    t.boolean('roll_to_weekday').notNullable();
    t.jsonb('applies_to').notNullable();
    t.text('kind').notNullable();
    t.text('register').notNullable();
    t.text('source_law').notNullable();
    t.text('source_section').notNullable();
    t.text('source_url').notNullable();
    t.text('note');
  });
  await knex.raw(`ALTER TABLE deadline_rules ADD CONSTRAINT deadline_rules_unit_check
    CHECK (unit IN ('IMMEDIATE', 'SAME_DAY', 'WEEKDAYS', 'CALENDAR_DAYS', 'MONTHS'))`);
  await knex.raw(`ALTER TABLE deadline_rules ADD CONSTRAINT deadline_rules_event_check
    CHECK (event IN ('CASE_OPENED', 'PLAN_MADE', 'SERVICE_EVENT', 'DECISION_NOTIFIED'))`);
  await knex.raw("ALTER TABLE deadline_rules ADD CONSTRAINT deadline_rules_kind_check CHECK (kind IN ('LAW', 'VARHA_TARGET'))");
  await knex.raw("ALTER TABLE deadline_rules ADD CONSTRAINT deadline_rules_register_check CHECK (register IN ('SOCIAL', 'HEALTH'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE teams DROP CONSTRAINT teams_consultant_id_foreign');
  for (const table of ['deadline_rules', 'municipality_alternative_teams', 'municipalities', 'professionals', 'teams', 'regions']) {
    await knex.schema.dropTable(table);
  }
}
