import type { Knex } from 'knex';

/**
 * Which pathway stage event meets a deadline rule, as data beside the rule (seed/deadline-rules.json
 * `metWhen`) rather than a mapping in the workers' code. Both columns or neither: a rule without
 * them is met outside the pathway. The rules the pathway met before this change are filled by the
 * next migration, data apart from schema.
 */

/** The stage codes of the day, frozen: a migration must mean the same whatever the code says later. */
const STAGE_CODES = [
  'TUEN_TARVE',
  'TYOPARIN_MUODOSTUS',
  'ARVIOINTI',
  'SUUNNITELMA',
  'TYORYHMAKASITTELY',
  'TOTEUTUS',
  'LOPPUARVIOINTI',
  'PAATTYMINEN',
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('deadline_rules', (t) => {
    t.text('met_stage');
    t.text('met_event');
  });
  const stages = STAGE_CODES.map((s) => `'${s}'`).join(', ');
  // A NULL makes IN unknown, which a check lets pass: the first check pairs the NULLs explicitly.
  await knex.raw(
    'ALTER TABLE deadline_rules ADD CONSTRAINT deadline_rules_met_when_check CHECK ((met_stage IS NULL) = (met_event IS NULL))',
  );
  await knex.raw(`ALTER TABLE deadline_rules ADD CONSTRAINT deadline_rules_met_stage_check CHECK (met_stage IN (${stages}))`);
  await knex.raw("ALTER TABLE deadline_rules ADD CONSTRAINT deadline_rules_met_event_check CHECK (met_event IN ('START', 'END'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('deadline_rules', (t) => {
    t.dropColumn('met_stage');
    t.dropColumn('met_event');
  });
}
