import type { Knex } from 'knex';

/**
 * How the intake reconciler's attempts at a case's pathway have gone since it last settled: how
 * many failed in a row, when it may try again (exponential back-off), since when it has given the
 * case up to the team lead as stalled, and what the last failure was (the engine's answer, never
 * the client's identity). Existing cases start with no failed attempts.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.integer('pathway_attempts').notNullable().defaultTo(0);
    t.timestamp('pathway_retry_at', { useTz: true });
    t.timestamp('pathway_stalled_at', { useTz: true });
    t.text('pathway_last_error');
  });
  await knex.raw(
    'CREATE INDEX cases_pathway_stalled_idx ON cases (pathway_stalled_at) WHERE pathway_stalled_at IS NOT NULL AND process_instance_key IS NULL AND closed_at IS NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS cases_pathway_stalled_idx');
  await knex.schema.alterTable('cases', (t) => {
    t.dropColumn('pathway_attempts');
    t.dropColumn('pathway_retry_at');
    t.dropColumn('pathway_stalled_at');
    t.dropColumn('pathway_last_error');
  });
}
