import type { Knex } from 'knex';

/**
 * The use log names the /v2 call an entry came from: its method, path and answered status. A
 * call to the embedded engine's API reads or changes case data outside the app's routes, so its
 * entry says which call it was, also when no case can be named (a search that found nothing, a
 * deployment). Empty for the entries the app's routes and the write trigger make.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.text('engine_method');
    t.text('engine_path');
    t.smallint('engine_status');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.dropColumn('engine_method');
    t.dropColumn('engine_path');
    t.dropColumn('engine_status');
  });
}
