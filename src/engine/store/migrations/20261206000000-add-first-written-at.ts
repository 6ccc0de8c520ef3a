import type { Knex } from 'knex';

/** The engine's schema as it was named when this ran, frozen: a migration never reads live code. */
const ENGINE_SCHEMA = 'engine';

/** The tables a cluster's search serves from secondary storage, behind its exporter. */
export const EXPORTED_TABLES = ['process_instances', 'element_instances', 'variables', 'jobs', 'user_tasks', 'incidents'] as const;

/**
 * When the database first stored each row of the exported tables, so the embedded engine can show
 * search a row only some time after it was written (ENGINE_SEARCH_LAG_MS), as a cluster's
 * exporter does. Rows from before this column stay NULL: long since exported. Set by the database
 * alone, without a rewrite of the existing rows.
 */
export const addFirstWrittenAt = {
  async up(knex: Knex): Promise<void> {
    for (const table of EXPORTED_TABLES) {
      await knex.raw(`ALTER TABLE ${ENGINE_SCHEMA}.${table} ADD COLUMN first_written_at timestamptz`);
      await knex.raw(`ALTER TABLE ${ENGINE_SCHEMA}.${table} ALTER COLUMN first_written_at SET DEFAULT clock_timestamp()`);
    }
  },
  async down(knex: Knex): Promise<void> {
    for (const table of EXPORTED_TABLES) await knex.raw(`ALTER TABLE ${ENGINE_SCHEMA}.${table} DROP COLUMN first_written_at`);
  },
};
