import type { Knex } from 'knex';

/**
 * Marks the county's officially bilingual municipalities of 2023–2032 (domain.md §6.2 Language [S61][S62]): Turku/Åbo
 * (Finnish majority), Parainen/Pargas and Kemiönsaari/Kimitoön (Swedish majority). The seed file marks them for new
 * databases; the seed leaves existing rows as they are.
 */
const BILINGUAL = ['853', '445', '322'];

export async function up(knex: Knex): Promise<void> {
  await knex('municipalities').whereIn('code', BILINGUAL).update({ bilingual: true });
}

export async function down(knex: Knex): Promise<void> {
  await knex('municipalities').whereIn('code', BILINGUAL).update({ bilingual: false });
}
