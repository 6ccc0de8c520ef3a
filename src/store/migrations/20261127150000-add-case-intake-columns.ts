import type { Knex } from 'knex';

/**
 * What the intake reconciler (src/intake/) needs to start a stranded case's pathway exactly as the
 * intake would have, and no sooner than it may: when the pathway was last asked of the engine (at
 * intake, and at each of the reconciler's attempts; `opened_at` is the referral's receipt, which
 * may lie in the past) and the team the referring unit named (`teamHint`, a start variable kept
 * nowhere else). The partial index covers the reconciler's scan: only cases still waiting for
 * their process instance are in it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.timestamp('pathway_requested_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('team_hint');
  });
  await knex.raw(
    'CREATE INDEX cases_without_pathway_idx ON cases (pathway_requested_at) WHERE process_instance_key IS NULL AND closed_at IS NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS cases_without_pathway_idx');
  await knex.schema.alterTable('cases', (t) => {
    t.dropColumn('pathway_requested_at');
    t.dropColumn('team_hint');
  });
}
