import type { Knex } from 'knex';

/**
 * Moves the stage events that meet four seeded rules, in databases seeded before (the seed file
 * holds the same for new ones): SHL 36 § asks the needs assessment to *start* (immediately, or by
 * the seventh weekday), so its start rules are met when ARVIOINTI starts, not when it ends (the
 * children's three months stay at the end: that assessment must be complete); TervHL 51 § asks a
 * health professional's assessment of care need, which the joint assessment's end is (where
 * CARE_NEED_ASSESSED starts the care guarantee), not the screening. And SHL 45 § gets its met event,
 * the granted service's implementation starting. A rule an administrator has changed since keeps
 * the change: only a rule still holding the seeded value is moved.
 */
const MOVES: readonly { id: string; from: MetWhen | null; to: MetWhen }[] = [
  { id: 'shl-36-kiireellinen', from: { stage: 'ARVIOINTI', event: 'END' }, to: { stage: 'ARVIOINTI', event: 'START' } },
  { id: 'shl-36-arvioinnin-aloitus-tavoite', from: { stage: 'ARVIOINTI', event: 'END' }, to: { stage: 'ARVIOINTI', event: 'START' } },
  { id: 'shl-36-seitseman-arkipaivaa', from: { stage: 'ARVIOINTI', event: 'END' }, to: { stage: 'ARVIOINTI', event: 'START' } },
  { id: 'tervhl-51-hoidon-tarpeen-arvio', from: { stage: 'TUEN_TARVE', event: 'END' }, to: { stage: 'ARVIOINTI', event: 'END' } },
  { id: 'shl-45-toimeenpano-3-kk', from: null, to: { stage: 'TOTEUTUS', event: 'START' } },
];

interface MetWhen {
  stage: string;
  event: 'START' | 'END';
}

export async function up(knex: Knex): Promise<void> {
  for (const move of MOVES) await moveRule(knex, move.id, move.from, move.to);
}

export async function down(knex: Knex): Promise<void> {
  for (const move of MOVES) await moveRule(knex, move.id, move.to, move.from);
}

async function moveRule(knex: Knex, id: string, from: MetWhen | null, to: MetWhen | null): Promise<void> {
  const rule = knex('deadline_rules').where({ id });
  const holding = from === null ? rule.whereNull('met_stage') : rule.where({ met_stage: from.stage, met_event: from.event });
  await holding.update({ met_stage: to?.stage ?? null, met_event: to?.event ?? null });
}
