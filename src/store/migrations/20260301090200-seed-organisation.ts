import type { Knex } from 'knex';

/**
 * Once loaded the organisation from `seed/` in the middle of the migrations, with the seed code of
 * the day, which broke as soon as that code wrote a column a later migration adds. The seed now
 * loads after every migration (`migrateAppDatabase`); this step stays, empty, because databases
 * that ran it have it on record and knex refuses a history with a step missing.
 */
export async function up(_knex: Knex): Promise<void> {}

/** Nothing to undo: dropping the tables (the schema migration's down) removes the rows. */
export async function down(): Promise<void> {}
