import type { Knex } from 'knex';

/**
 * Indexes the dashboard's plans ask for at county scale (issue 16): closed stage visits by when
 * they ended (stage durations over a period read the index alone), deadlines by due time with
 * what the breach count needs, the open visits by stage (the working-group queue starts from the
 * few cases waiting in TYORYHMAKASITTELY), a case's regional bookings latest first, the open
 * cases with their routing (active cases per stage read the index alone) and the active pairs by
 * member (caseloads count them without the released ones).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'CREATE INDEX stage_history_closed_by_left_at ON stage_history (left_at) INCLUDE (stage, entered_at, case_id) WHERE left_at IS NOT NULL',
  );
  await knex.raw('CREATE INDEX stage_history_open_by_stage ON stage_history (stage) INCLUDE (case_id, entered_at) WHERE left_at IS NULL');
  await knex.raw('CREATE INDEX deadlines_by_due_at ON deadlines (due_at) INCLUDE (case_id, rule_id, met_at)');
  await knex.raw(
    "CREATE INDEX meeting_bookings_regional_latest ON meeting_bookings (case_id, meeting_at DESC, id DESC) INCLUDE (region_id) WHERE forum = 'REGIONAL_GROUP'",
  );
  await knex.raw('CREATE INDEX cases_open_routing ON cases (case_id) INCLUDE (region_id, team_id) WHERE closed_at IS NULL');
  await knex.raw('CREATE INDEX pair_assignments_active_nurse ON pair_assignments (nurse_id) WHERE released_at IS NULL');
  await knex.raw('CREATE INDEX pair_assignments_active_social ON pair_assignments (social_worker_id) WHERE released_at IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  for (const index of [
    'stage_history_closed_by_left_at',
    'stage_history_open_by_stage',
    'deadlines_by_due_at',
    'meeting_bookings_regional_latest',
  ]) {
    await knex.raw('DROP INDEX IF EXISTS ??', [index]);
  }
}
