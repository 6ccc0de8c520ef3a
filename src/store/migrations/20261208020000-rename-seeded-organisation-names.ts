import type { Knex } from 'knex';

/**
 * Renames what the organisation seed named before issue 14 (the seed files hold the new names for
 * new databases): teams as the places are said (Turun keskusta, Itä-Turku, Koski Tl), the 7-weekday
 * rule counted from the matter becoming pending rather than from contact, and the Åboland group
 * without the Swedish name that was coined for it (domain.md §6.2: ask Varha). A name an
 * administrator has changed since keeps the change: only the seeded names are replaced.
 */
const RENAMES: readonly { table: string; id: string; column: string; seeded: string; renamed: string }[] = [
  { table: 'teams', id: 'turku-keskusta', column: 'name', seeded: 'Turku keskusta', renamed: 'Turun keskusta' },
  { table: 'teams', id: 'turku-ita', column: 'name', seeded: 'Turku itä', renamed: 'Itä-Turku' },
  { table: 'teams', id: 'turku-lansi', column: 'name', seeded: 'Turku länsi', renamed: 'Länsi-Turku' },
  { table: 'teams', id: 'turku-pohjoinen', column: 'name', seeded: 'Turku pohjoinen', renamed: 'Pohjois-Turku' },
  { table: 'teams', id: 'loimaa', column: 'name', seeded: 'Loimaa–Oripää–Koski–Marttila', renamed: 'Loimaa–Oripää–Koski Tl–Marttila' },
  {
    table: 'deadline_rules',
    id: 'shl-36-seitseman-arkipaivaa',
    column: 'name',
    seeded: 'Palvelutarpeen arvioinnin aloitus viimeistään 7. arkipäivänä yhteydenotosta',
    renamed: 'Palvelutarpeen arvioinnin aloitus viimeistään 7. arkipäivänä asian vireilletulosta',
  },
  {
    table: 'regions',
    id: 'aboland-turunmaa',
    column: 'group_name',
    seeded: 'Turunmaan päihdekuntoutustyöryhmä / Rusvårdsarbetsgruppen i Åboland',
    renamed: 'Turunmaan päihdekuntoutustyöryhmä',
  },
];

export async function up(knex: Knex): Promise<void> {
  for (const r of RENAMES)
    await knex(r.table)
      .where({ id: r.id, [r.column]: r.seeded })
      .update({ [r.column]: r.renamed });
}

export async function down(knex: Knex): Promise<void> {
  for (const r of RENAMES)
    await knex(r.table)
      .where({ id: r.id, [r.column]: r.renamed })
      .update({ [r.column]: r.seeded });
}
