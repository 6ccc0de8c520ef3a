import type { Knex } from 'knex';
import { STAGE_CODES } from '../../domain/stages.js';

/**
 * Which pathway stage event meets a deadline rule, as data beside the rule (seed/deadline-rules.json
 * `metWhen`) rather than a mapping in the workers' code. Both columns or neither: a rule without
 * them is met outside the pathway. Fills the rules the pathway met before this change, as the code
 * mapping named them; the seed file holds the same values for new databases.
 */
const MET_WHEN_BEFORE_THIS_CHANGE: Readonly<Record<string, { stage: string; event: 'START' | 'END' }>> = {
  'tervhl-51-hoidon-tarpeen-arvio': { stage: 'TUEN_TARVE', event: 'END' },
  'shl-36-kiireellinen': { stage: 'ARVIOINTI', event: 'END' },
  'shl-36-seitseman-arkipaivaa': { stage: 'ARVIOINTI', event: 'END' },
  'shl-36-arvioinnin-aloitus-tavoite': { stage: 'ARVIOINTI', event: 'END' },
  'shl-36-kolme-kuukautta-lapsi': { stage: 'ARVIOINTI', event: 'END' },
  'shl-24-raskaana-oleva': { stage: 'TOTEUTUS', event: 'START' },
};

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('deadline_rules', (t) => {
    t.text('met_stage');
    t.text('met_event');
  });
  const stages = STAGE_CODES.map((s) => `'${s}'`).join(', ');
  // A NULL makes IN unknown, which a check lets pass: the first check pairs the NULLs explicitly.
  await knex.raw('ALTER TABLE deadline_rules ADD CONSTRAINT deadline_rules_met_when_check CHECK ((met_stage IS NULL) = (met_event IS NULL))');
  await knex.raw(`ALTER TABLE deadline_rules ADD CONSTRAINT deadline_rules_met_stage_check CHECK (met_stage IN (${stages}))`);
  await knex.raw("ALTER TABLE deadline_rules ADD CONSTRAINT deadline_rules_met_event_check CHECK (met_event IN ('START', 'END'))");
  for (const [id, metWhen] of Object.entries(MET_WHEN_BEFORE_THIS_CHANGE)) {
    await knex('deadline_rules').where({ id }).update({ met_stage: metWhen.stage, met_event: metWhen.event });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('deadline_rules', (t) => {
    t.dropColumn('met_stage');
    t.dropColumn('met_event');
  });
}
