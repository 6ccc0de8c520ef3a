import type { Knex } from 'knex';

/**
 * Revises two seeded rules in databases seeded before (the seed file holds the same for new ones):
 * the targets seeded as Varha's own have no source showing Varha set them (domain.md §1 notes), so
 * they become proposed targets, named so; and a new plan meets the plan review that was due
 * (`metWhen` SUUNNITELMA END), now that the plan's end starts the next one. A rule an
 * administrator has changed since keeps the change: only the seeded values are replaced.
 */
const PROPOSED = [
  {
    id: 'shl-36-arvioinnin-aloitus-tavoite',
    seededName: 'Palvelutarpeen arvioinnin aloitus viipymättä (Varhan tavoite: 7 arkipäivää)',
    name: 'Palvelutarpeen arvioinnin aloitus viipymättä (ehdotettu tavoite: 7 arkipäivää)',
    note: 'Laki edellyttää arvioinnin aloittamista viipymättä eikä anna sille numeerista määräaikaa. Seitsemän arkipäivää on ehdotettu tavoite, jota Varha ei ole vahvistanut; se ei ole lakisääteinen määräaika.',
  },
  {
    id: 'shl-39-suunnitelman-tarkistus',
    seededName: 'Asiakassuunnitelman tarkistus (Varhan tavoite: 3 kuukautta)',
    name: 'Asiakassuunnitelman tarkistus (ehdotettu tavoite: 3 kuukautta)',
    note: 'Laissa ei ole numeerista määräaikaa suunnitelman laatimiselle tai tarkistamiselle (tarkistus "tarvittaessa"); kolmen kuukauden tarkistusväli on ehdotettu tavoite, jota Varha ei ole vahvistanut. Uusi suunnitelma täyttää edellisen tarkistuksen.',
  },
];

export async function up(knex: Knex): Promise<void> {
  for (const rule of PROPOSED) {
    await knex('deadline_rules')
      .where({ id: rule.id, kind: 'VARHA_TARGET', name: rule.seededName })
      .update({ kind: 'PROPOSED_TARGET', name: rule.name, note: rule.note });
  }
  await knex('deadline_rules')
    .where({ id: 'shl-39-suunnitelman-tarkistus' })
    .whereNull('met_stage')
    .update({ met_stage: 'SUUNNITELMA', met_event: 'END' });
}

export async function down(knex: Knex): Promise<void> {
  for (const rule of PROPOSED) {
    await knex('deadline_rules')
      .where({ id: rule.id, kind: 'PROPOSED_TARGET', name: rule.name })
      .update({ kind: 'VARHA_TARGET', name: rule.seededName });
  }
  await knex('deadline_rules')
    .where({ id: 'shl-39-suunnitelman-tarkistus', met_stage: 'SUUNNITELMA', met_event: 'END' })
    .update({ met_stage: null, met_event: null });
}
