import type { Knex } from 'knex';

/**
 * The age bands of TervHL 51 a §'s care guarantee (under 23: 14 days; 23 reached: 3 months), as
 * yes/no facts derived at intake from the henkilötunnus, like `age_over_75`: never a birth date.
 * Cases opened before this change have neither, so no care-guarantee rule applies to them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.boolean('age_under_23').notNullable().defaultTo(false);
    t.boolean('age_23_or_over').notNullable().defaultTo(false);
  });
  await knex.raw('ALTER TABLE cases ADD CONSTRAINT cases_one_age_band_check CHECK (NOT (age_under_23 AND age_23_or_over))');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.dropColumn('age_under_23');
    t.dropColumn('age_23_or_over');
  });
}
