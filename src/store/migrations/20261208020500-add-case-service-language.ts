import type { Knex } from 'knex';

/** The client's service language, Finnish or Swedish (domain.md R15); cases opened before it are served in Finnish. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.text('service_language').notNullable().defaultTo('fi');
  });
  await knex.raw("ALTER TABLE cases ADD CONSTRAINT cases_service_language_check CHECK (service_language IN ('fi', 'sv'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.dropColumn('service_language');
  });
}
