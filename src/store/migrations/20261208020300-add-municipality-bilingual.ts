import type { Knex } from 'knex';

/** Whether a municipality is officially bilingual, so its clients choose Finnish or Swedish (domain.md R15). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('municipalities', (t) => {
    t.boolean('bilingual').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('municipalities', (t) => {
    t.dropColumn('bilingual');
  });
}
