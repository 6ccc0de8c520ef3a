import type { Knex } from 'knex';

/** The engine's schema as it was named when this ran, frozen: a migration never reads live code. */
const ENGINE_SCHEMA = 'engine';

/**
 * The batch operations of /v2 (cancel the instances a filter matches, resolve an instance's
 * incidents): one row each with its item counts, what GET /v2/batch-operations/{key} answers.
 */
export const createBatchOperations = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.withSchema(ENGINE_SCHEMA).createTable('batch_operations', (t) => {
      t.bigInteger('key').primary();
      t.string('type').notNullable();
      t.string('state').notNullable();
      t.timestamp('start_date', { useTz: true }).notNullable();
      t.timestamp('end_date', { useTz: true });
      t.string('actor_id');
      t.integer('total_count').notNullable();
      t.integer('completed_count').notNullable();
      t.integer('failed_count').notNullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.withSchema(ENGINE_SCHEMA).dropTable('batch_operations');
  },
};
