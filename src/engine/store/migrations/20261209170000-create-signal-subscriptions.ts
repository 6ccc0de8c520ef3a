import type { Knex } from 'knex';

/** The engine's schema as it was named when this ran, frozen: a migration never reads live code. */
const ENGINE_SCHEMA = 'engine';

/**
 * The signal subscriptions of waiting signal catch events, boundary events and event-subprocess
 * starts, so a broadcast finds them in instance trees that are not in memory. Signal start events
 * need none: they are read from the latest deployed versions.
 */
export const createSignalSubscriptions = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.withSchema(ENGINE_SCHEMA).createTable('signal_subscriptions', (t) => {
      t.bigInteger('key').primary();
      t.bigInteger('root_key').notNullable();
      t.bigInteger('process_instance_key').notNullable();
      t.bigInteger('element_instance_key').notNullable();
      t.string('element_id').notNullable();
      t.string('bpmn_process_id').notNullable();
      t.string('signal_name').notNullable();
      t.string('state').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.index(['root_key']);
    });
    await knex.raw(`CREATE INDEX signal_subscriptions_open ON ${ENGINE_SCHEMA}.signal_subscriptions (signal_name) WHERE state = 'CREATED'`);
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.withSchema(ENGINE_SCHEMA).dropTable('signal_subscriptions');
  },
};
