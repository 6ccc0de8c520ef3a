import type { Knex } from 'knex';
import { addStartCorrelationKey } from './migrations/20261127000000-add-start-correlation-key.js';
import { addFirstWrittenAt } from './migrations/20261206000000-add-first-written-at.js';
import { createBatchOperations } from './migrations/20261207150000-create-batch-operations.js';
import { createSignalSubscriptions } from './migrations/20261209170000-create-signal-subscriptions.js';
import { createEngineSchema, ENGINE_SCHEMA } from './schema.js';

/** Engine migrations, in order; run with a custom source so nothing is globbed from disk at run time. */
const MIGRATIONS: Record<string, { up: (knex: Knex) => Promise<void>; down: (knex: Knex) => Promise<void> }> = {
  '20261124000000-create-engine-schema': {
    up: createEngineSchema,
    down: async (knex) => {
      await knex.raw(`DROP SCHEMA ${ENGINE_SCHEMA} CASCADE`);
      await knex.raw(`CREATE SCHEMA ${ENGINE_SCHEMA}`);
    },
  },
  '20261127000000-add-start-correlation-key': addStartCorrelationKey,
  '20261206000000-add-first-written-at': addFirstWrittenAt,
  '20261207150000-create-batch-operations': createBatchOperations,
  '20261209170000-create-signal-subscriptions': createSignalSubscriptions,
};

/** Brings the `engine` schema up to date; safe to run at every start. */
export async function migrateEngineSchema(knex: Knex): Promise<void> {
  await knex.raw(`CREATE SCHEMA IF NOT EXISTS ${ENGINE_SCHEMA}`);
  await knex.migrate.latest({
    schemaName: ENGINE_SCHEMA,
    tableName: 'knex_migrations',
    migrationSource: {
      getMigrations: async () => Object.keys(MIGRATIONS),
      getMigrationName: (name: string) => name,
      getMigration: async (name: string) => MIGRATIONS[name],
    },
  });
}
