import type { Knex } from 'knex';

const REGISTER_CHECK = "register IN ('SOCIAL', 'HEALTH')";
const CASE_DATA_TABLES = [
  'cases',
  'case_identities',
  'case_routings',
  'stage_history',
  'pair_assignments',
  'consents',
  'deadlines',
  'meeting_bookings',
];

/**
 * The pathway's read model: cases and everything recorded about them. Every table carries its
 * client register (SOCIAL or HEALTH, domain.md §2). Identity (name, henkilötunnus) lives only in
 * `case_identities`, so it can later be encrypted and its reads audited on their own.
 *
 * Workers are delivered jobs at least once, so each row a worker writes carries the job key under
 * a UNIQUE constraint; the partial unique indexes enforce "one open stage" and "one active pair"
 * per case whatever the workers do.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cases', (t) => {
    t.uuid('case_id').primary();
    t.string('municipality_code', 3).notNullable().references('municipalities.code');
    // Null until the routing worker has run.
    t.text('team_id').references('teams.id');
    t.text('region_id').references('regions.id');
    t.timestamp('opened_at', { useTz: true }).notNullable();
    t.timestamp('closed_at', { useTz: true });
    t.text('outcome');
    t.text('process_instance_key').unique();
    t.boolean('special_support_need').notNullable().defaultTo(false);
    t.boolean('urgent').notNullable().defaultTo(false);
    t.boolean('age_over_75').notNullable().defaultTo(false);
    t.boolean('highest_care_allowance').notNullable().defaultTo(false);
    t.boolean('child_with_special_support').notNullable().defaultTo(false);
    t.boolean('pregnant').notNullable().defaultTo(false);
    t.text('register').notNullable();
    t.index(['team_id']);
    t.index(['region_id']);
  });
  await knex.raw(`ALTER TABLE cases ADD CONSTRAINT cases_outcome_check
    CHECK (outcome IN ('COMPLETED', 'SINGLE_SECTOR_REFERRAL', 'CLIENT_WITHDREW', 'MOVED_AWAY', 'DIED'))`);
  await knex.raw('ALTER TABLE cases ADD CONSTRAINT cases_closed_with_outcome_check CHECK ((closed_at IS NULL) = (outcome IS NULL))');

  await knex.schema.createTable('case_identities', (t) => {
    t.uuid('case_id').primary().references('cases.case_id');
    t.text('full_name').notNullable();
    t.string('henkilotunnus', 11).notNullable();
    t.text('register').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // Finding a returning client's earlier cases (for pair continuity) looks them up by henkilötunnus.
    t.index(['henkilotunnus']);
  });
  await knex.raw(`ALTER TABLE case_identities ADD CONSTRAINT case_identities_henkilotunnus_check
    CHECK (henkilotunnus ~ '^[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-FHJ-NPR-Y]$')`);

  await knex.schema.createTable('case_routings', (t) => {
    t.increments('id');
    t.uuid('case_id').notNullable().references('cases.case_id');
    t.text('team_id').notNullable().references('teams.id');
    t.text('region_id').notNullable().references('regions.id');
    t.timestamp('routed_at', { useTz: true }).notNullable();
    t.boolean('manual').notNullable();
    // Null for an administrator's manual reassignment, which is no job.
    t.text('job_key').unique();
    t.text('register').notNullable();
    t.index(['case_id']);
  });

  await knex.schema.createTable('stage_history', (t) => {
    t.increments('id');
    t.uuid('case_id').notNullable().references('cases.case_id');
    t.text('stage').notNullable();
    t.timestamp('entered_at', { useTz: true }).notNullable();
    t.timestamp('left_at', { useTz: true });
    t.text('entered_job_key').notNullable().unique();
    t.text('left_job_key').unique();
    t.text('register').notNullable();
    t.index(['case_id']);
  });
  await knex.raw(`ALTER TABLE stage_history ADD CONSTRAINT stage_history_stage_check
    CHECK (stage IN ('TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI', 'SUUNNITELMA', 'TYORYHMAKASITTELY', 'TOTEUTUS', 'LOPPUARVIOINTI', 'PAATTYMINEN'))`);
  await knex.raw('ALTER TABLE stage_history ADD CONSTRAINT stage_history_order_check CHECK (left_at IS NULL OR left_at >= entered_at)');
  await knex.raw('CREATE UNIQUE INDEX stage_history_one_open_stage ON stage_history (case_id) WHERE left_at IS NULL');

  await knex.schema.createTable('pair_assignments', (t) => {
    t.increments('id');
    t.uuid('case_id').notNullable().references('cases.case_id');
    t.text('nurse_id').notNullable().references('professionals.id');
    // The social-side member: a sosiaaliohjaaja or a sosiaalityöntekijä.
    t.text('social_worker_id').notNullable().references('professionals.id');
    t.timestamp('assigned_at', { useTz: true }).notNullable();
    t.timestamp('released_at', { useTz: true });
    t.boolean('manual').notNullable();
    // Null when the team lead names the pair by hand outside a job.
    t.text('job_key').unique();
    t.text('register').notNullable();
    t.index(['case_id']);
    t.index(['nurse_id']);
    t.index(['social_worker_id']);
  });
  await knex.raw('CREATE UNIQUE INDEX pair_assignments_one_active_pair ON pair_assignments (case_id) WHERE released_at IS NULL');

  await knex.schema.createTable('consents', (t) => {
    t.increments('id');
    t.uuid('case_id').notNullable().references('cases.case_id');
    t.text('scope').notNullable();
    t.timestamp('given_at', { useTz: true }).notNullable();
    t.timestamp('withdrawn_at', { useTz: true });
    t.text('recorded_by').notNullable();
    t.text('job_key').unique();
    t.text('register').notNullable();
    t.index(['case_id']);
  });
  await knex.raw(
    "ALTER TABLE consents ADD CONSTRAINT consents_scope_check CHECK (scope IN ('SOCIAL_TO_HEALTH', 'HEALTH_TO_SOCIAL', 'BOTH'))",
  );

  await knex.schema.createTable('deadlines', (t) => {
    t.increments('id');
    t.uuid('case_id').notNullable().references('cases.case_id');
    t.text('rule_id').notNullable().references('deadline_rules.id');
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.timestamp('met_at', { useTz: true });
    t.timestamp('breached_at', { useTz: true });
    // One job computes several deadlines: the pair (job, rule) is what a replay must not repeat.
    t.text('created_job_key').notNullable();
    t.text('notified_job_key').unique();
    t.text('register').notNullable();
    t.unique(['created_job_key', 'rule_id']);
    t.index(['case_id']);
  });

  await knex.schema.createTable('meeting_bookings', (t) => {
    t.increments('id');
    t.uuid('case_id').notNullable().references('cases.case_id');
    t.text('forum').notNullable();
    t.text('team_id').references('teams.id');
    t.text('region_id').references('regions.id');
    t.timestamp('meeting_at', { useTz: true }).notNullable();
    t.text('job_key').unique();
    t.text('register').notNullable();
    t.index(['team_id', 'meeting_at']);
    t.index(['region_id', 'meeting_at']);
    t.index(['case_id']);
  });
  await knex.raw(`ALTER TABLE meeting_bookings ADD CONSTRAINT meeting_bookings_forum_check CHECK (
    (forum = 'TEAM' AND team_id IS NOT NULL AND region_id IS NULL) OR
    (forum = 'REGIONAL_GROUP' AND region_id IS NOT NULL AND team_id IS NULL))`);

  for (const table of CASE_DATA_TABLES) {
    await knex.raw(`ALTER TABLE ?? ADD CONSTRAINT ?? CHECK (${REGISTER_CHECK})`, [table, `${table}_register_check`]);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [...CASE_DATA_TABLES].reverse()) await knex.schema.dropTable(table);
}
