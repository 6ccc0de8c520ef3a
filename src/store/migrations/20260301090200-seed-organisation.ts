import type { Knex } from 'knex';
import { seedOrganisation } from '../seed.js';

/**
 * Data, not schema: loads the organisation from `seed/` once, at the first start. Later changes
 * to the files are loaded by calling `seedOrganisation` again (insert-if-missing), never by
 * editing this migration.
 */
export async function up(knex: Knex): Promise<void> {
  await seedOrganisation(knex);
}

/** Nothing to undo: dropping the tables (the schema migration's down) removes the rows. */
export async function down(): Promise<void> {}
