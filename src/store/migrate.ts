import type { Knex } from 'knex';
import { APP_MIGRATIONS, type NamedMigration } from './migrations/index.js';
import { seedOrganisation } from './seed.js';

/**
 * The table knex records applied migrations in. Named for the app so it cannot be mistaken for
 * anyone else's bookkeeping; the embedded engine keeps its tables in the `engine` schema.
 */
export const APP_MIGRATIONS_TABLE = 'app_migrations';

const migrationSource: Knex.MigrationSource<NamedMigration> = {
  getMigrations: async () => [...APP_MIGRATIONS],
  getMigrationName: (m) => m.name,
  getMigration: async (m) => m.migration,
};

/**
 * Brings the app's read model (schema `public`) up to date, then loads the rows added to `seed/`
 * since the last start (insert-if-missing: existing rows, and administrators' edits, stay). The
 * seed goes after every migration so that it always writes the latest schema. Safe to call at
 * every start and from several processes: knex takes a lock. Returns the names of the migrations
 * it applied.
 */
export async function migrateAppDatabase(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest({ migrationSource, tableName: APP_MIGRATIONS_TABLE, schemaName: 'public' })) as [
    number,
    string[],
  ];
  await seedOrganisation(knex);
  return applied;
}
