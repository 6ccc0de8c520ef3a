import type { Knex } from 'knex';

/** The engine's schema as it was named when this ran, frozen: a migration never reads live code. */
const ENGINE_SCHEMA = 'engine';

/**
 * The correlation key of the message that started a root process instance, so Zeebe's "one active
 * instance per process and correlation key" rule for message start events survives a restart.
 * Instances from before this column were not started under the rule and stay NULL.
 */
export const addStartCorrelationKey = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.withSchema(ENGINE_SCHEMA).alterTable('process_instances', (t) => {
      t.string('start_correlation_key');
    });
    await knex.raw(
      `CREATE INDEX process_instances_start_lock ON ${ENGINE_SCHEMA}.process_instances (bpmn_process_id, start_correlation_key) WHERE state = 'ACTIVE' AND start_correlation_key IS NOT NULL`,
    );
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.withSchema(ENGINE_SCHEMA).alterTable('process_instances', (t) => {
      t.dropColumn('start_correlation_key');
    });
  },
};
