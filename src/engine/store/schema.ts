import type { Knex } from 'knex';

/** The PostgreSQL schema that holds every table of the embedded engine. */
export const ENGINE_SCHEMA = 'engine';

/**
 * The engine's tables. Rows keep their history (state COMPLETED, TERMINATED, …) rather than being
 * deleted, because they double as the secondary storage the /v2 search endpoints read, as Operate's
 * and Tasklist's indices do on a cluster. Every runtime row carries `root_key`, the key of the
 * root process instance of its call-activity tree: that tree is the unit loaded into memory.
 */
export async function createEngineSchema(knex: Knex): Promise<void> {
  // A schema builder accumulates statements, so each table gets a fresh one.
  const s = {
    createTable: (name: string, build: (t: Knex.CreateTableBuilder) => void) =>
      knex.schema.withSchema(ENGINE_SCHEMA).createTable(name, build),
  };
  await knex.raw(`CREATE SEQUENCE IF NOT EXISTS ${ENGINE_SCHEMA}.keys START 2251799813685249 INCREMENT BY 1000`);

  await s.createTable('deployments', (t) => {
    t.bigInteger('key').primary();
    t.string('tenant_id').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
  });

  await s.createTable('process_definitions', (t) => {
    t.bigInteger('key').primary();
    t.string('bpmn_process_id').notNullable();
    t.integer('version').notNullable();
    t.string('name');
    t.string('version_tag');
    t.string('resource_name').notNullable();
    t.string('checksum').notNullable();
    t.text('xml').notNullable();
    t.bigInteger('deployment_key').notNullable();
    t.boolean('has_start_form').notNullable();
    t.string('tenant_id').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.unique(['bpmn_process_id', 'version']);
  });

  await s.createTable('forms', (t) => {
    t.bigInteger('key').primary();
    t.string('form_id').notNullable();
    t.integer('version').notNullable();
    t.string('resource_name').notNullable();
    t.string('checksum').notNullable();
    t.text('schema').notNullable();
    t.bigInteger('deployment_key').notNullable();
    t.string('tenant_id').notNullable();
    t.unique(['form_id', 'version']);
  });

  await s.createTable('process_instances', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('root_key').notNullable();
    t.bigInteger('definition_key').notNullable();
    t.string('bpmn_process_id').notNullable();
    t.integer('version').notNullable();
    t.string('state').notNullable();
    t.timestamp('start_date', { useTz: true }).notNullable();
    t.timestamp('end_date', { useTz: true });
    t.bigInteger('parent_process_instance_key');
    t.bigInteger('parent_element_instance_key');
    t.boolean('has_incident').notNullable();
    t.string('tenant_id').notNullable();
    t.index(['bpmn_process_id', 'state']);
    t.index(['root_key']);
  });

  await s.createTable('element_instances', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('root_key').notNullable();
    t.bigInteger('process_instance_key').notNullable();
    t.bigInteger('definition_key').notNullable();
    t.string('bpmn_process_id').notNullable();
    t.string('element_id').notNullable();
    t.string('element_name').notNullable();
    t.string('type').notNullable();
    t.bigInteger('flow_scope_key');
    t.string('state').notNullable();
    t.timestamp('start_date', { useTz: true }).notNullable();
    t.timestamp('end_date', { useTz: true });
    t.bigInteger('incident_key');
    t.jsonb('runtime').notNullable();
    t.string('tenant_id').notNullable();
    t.index(['process_instance_key']);
    t.index(['root_key', 'state']);
    t.index(['element_id', 'state']);
  });

  await s.createTable('variables', (t) => {
    t.bigInteger('key').primary();
    t.string('name').notNullable();
    t.text('value').notNullable();
    t.bigInteger('scope_key').notNullable();
    t.bigInteger('process_instance_key').notNullable();
    t.bigInteger('root_key').notNullable();
    t.string('tenant_id').notNullable();
    t.unique(['scope_key', 'name']);
    t.index(['process_instance_key']);
    t.index(['root_key']);
  });

  await s.createTable('jobs', (t) => {
    t.bigInteger('key').primary();
    t.string('type').notNullable();
    t.bigInteger('root_key').notNullable();
    t.bigInteger('process_instance_key').notNullable();
    t.bigInteger('element_instance_key').notNullable();
    t.string('element_id').notNullable();
    t.bigInteger('definition_key').notNullable();
    t.string('bpmn_process_id').notNullable();
    t.integer('version').notNullable();
    t.string('state').notNullable();
    t.string('kind').notNullable();
    t.string('listener_event_type').notNullable();
    t.integer('retries').notNullable();
    t.string('worker');
    t.timestamp('deadline', { useTz: true });
    t.timestamp('retry_at', { useTz: true });
    t.text('error_message');
    t.string('error_code');
    t.jsonb('custom_headers').notNullable();
    t.boolean('activatable').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('ended_at', { useTz: true });
    t.string('tenant_id').notNullable();
    t.index(['process_instance_key']);
    t.index(['root_key']);
  });
  await knex.raw(`CREATE INDEX jobs_activatable ON ${ENGINE_SCHEMA}.jobs (type, key) WHERE activatable`);

  await s.createTable('user_tasks', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('root_key').notNullable();
    t.bigInteger('process_instance_key').notNullable();
    t.bigInteger('element_instance_key').notNullable();
    t.string('element_id').notNullable();
    t.string('name');
    t.bigInteger('definition_key').notNullable();
    t.string('bpmn_process_id').notNullable();
    t.integer('version').notNullable();
    t.string('process_name');
    t.string('state').notNullable();
    t.string('assignee');
    t.jsonb('candidate_groups').notNullable();
    t.jsonb('candidate_users').notNullable();
    t.timestamp('due_date', { useTz: true });
    t.timestamp('follow_up_date', { useTz: true });
    t.bigInteger('form_key');
    t.string('external_form_reference');
    t.integer('priority').notNullable();
    t.jsonb('custom_headers').notNullable();
    t.timestamp('creation_date', { useTz: true }).notNullable();
    t.timestamp('completion_date', { useTz: true });
    t.string('tenant_id').notNullable();
    t.index(['state']);
    t.index(['process_instance_key']);
    t.index(['root_key']);
  });

  await s.createTable('incidents', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('root_key').notNullable();
    t.bigInteger('process_instance_key').notNullable();
    t.bigInteger('element_instance_key').notNullable();
    t.string('element_id').notNullable();
    t.bigInteger('definition_key').notNullable();
    t.string('bpmn_process_id').notNullable();
    t.string('error_type').notNullable();
    t.text('error_message').notNullable();
    t.string('state').notNullable();
    t.bigInteger('job_key');
    t.timestamp('creation_time', { useTz: true }).notNullable();
    t.string('tenant_id').notNullable();
    t.index(['process_instance_key']);
    t.index(['root_key']);
    t.index(['state']);
  });

  await s.createTable('timers', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('root_key');
    t.bigInteger('process_instance_key');
    t.bigInteger('element_instance_key');
    t.bigInteger('definition_key').notNullable();
    t.string('element_id').notNullable();
    t.timestamp('due_date', { useTz: true }).notNullable();
    t.integer('repetitions').notNullable();
    t.jsonb('spec').notNullable();
    t.string('state').notNullable();
    t.index(['root_key']);
  });
  await knex.raw(`CREATE INDEX timers_due ON ${ENGINE_SCHEMA}.timers (due_date) WHERE state = 'ACTIVE'`);

  await s.createTable('message_subscriptions', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('root_key').notNullable();
    t.bigInteger('process_instance_key').notNullable();
    t.bigInteger('element_instance_key').notNullable();
    t.string('element_id').notNullable();
    t.string('bpmn_process_id').notNullable();
    t.string('message_name').notNullable();
    t.string('correlation_key').notNullable();
    t.string('state').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['root_key']);
  });
  await knex.raw(
    `CREATE INDEX message_subscriptions_open ON ${ENGINE_SCHEMA}.message_subscriptions (message_name, correlation_key) WHERE state = 'CREATED'`,
  );

  await s.createTable('messages', (t) => {
    t.bigInteger('key').primary();
    t.string('name').notNullable();
    t.string('correlation_key').notNullable();
    t.string('message_id');
    t.text('variables').notNullable();
    t.timestamp('published_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.string('tenant_id').notNullable();
    t.index(['expires_at']);
  });

  await s.createTable('sequence_flows', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('root_key').notNullable();
    t.bigInteger('process_instance_key').notNullable();
    t.bigInteger('definition_key').notNullable();
    t.string('bpmn_process_id').notNullable();
    t.string('flow_id').notNullable();
    t.timestamp('taken_at', { useTz: true }).notNullable();
    t.index(['process_instance_key']);
    t.index(['definition_key', 'flow_id']);
  });

  await s.createTable('message_correlations', (t) => {
    t.bigInteger('message_key').notNullable();
    t.string('bpmn_process_id').notNullable();
    t.bigInteger('process_instance_key').notNullable();
    t.primary(['message_key', 'bpmn_process_id']);
  });
}
