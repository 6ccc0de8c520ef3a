import type { Knex } from 'knex';

/**
 * Fills `met_stage` / `met_event` of the rules the pathway met before they were data, as the
 * workers' code mapping named them; the seed file holds the same values for new databases. This
 * was once part of the schema migration before it: a database that ran that one has them already,
 * so only a rule still without them is filled, and one an operator changed since stays as it is.
 */
const MET_WHEN_BEFORE_THE_COLUMNS: Readonly<Record<string, { stage: string; event: 'START' | 'END' }>> = {
  'tervhl-51-hoidon-tarpeen-arvio': { stage: 'TUEN_TARVE', event: 'END' },
  'shl-36-kiireellinen': { stage: 'ARVIOINTI', event: 'END' },
  'shl-36-seitseman-arkipaivaa': { stage: 'ARVIOINTI', event: 'END' },
  'shl-36-arvioinnin-aloitus-tavoite': { stage: 'ARVIOINTI', event: 'END' },
  'shl-36-kolme-kuukautta-lapsi': { stage: 'ARVIOINTI', event: 'END' },
  'shl-24-raskaana-oleva': { stage: 'TOTEUTUS', event: 'START' },
};

export async function up(knex: Knex): Promise<void> {
  for (const [id, metWhen] of Object.entries(MET_WHEN_BEFORE_THE_COLUMNS)) {
    await knex('deadline_rules').where({ id }).whereNull('met_stage').update({ met_stage: metWhen.stage, met_event: metWhen.event });
  }
}

/** Nothing to undo: the schema migration's down drops the columns. */
export async function down(): Promise<void> {}
