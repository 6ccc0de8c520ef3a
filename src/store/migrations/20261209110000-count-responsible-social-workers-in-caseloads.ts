import type { Knex } from 'knex';
import * as summaries from './20261207090000-create-dashboard-summaries.js';

/**
 * The responsible sosiaalityöntekijä (SHL 42 §) carries the case too: `professional_caseloads`,
 * which pairing balances and the dashboard and admin pages show, counts for each professional the
 * cases they serve as the pair's nurse, its social-side member or the responsible social worker,
 * each case once (the pair's own sosiaalityöntekijä named responsible carries one case, not two).
 *
 * `case_caseload_members` holds each case's distinct active members. A statement on
 * `pair_assignments` or `responsible_social_workers` rewrites the members of the cases it touched
 * and adds the difference to `professional_caseloads`. Every writer of a case's assignments holds
 * the case's lock (src/store/case-lock.ts), so one transaction at a time rewrites a case's members;
 * the counts change by upserted differences, which concurrent transactions add up.
 */
const TRIGGERS: readonly [string, string][] = [
  ['pair_assignments_summary_insert', 'pair_assignments'],
  ['pair_assignments_summary_update', 'pair_assignments'],
  ['pair_assignments_summary_delete', 'pair_assignments'],
  ['responsible_social_workers_summary_insert', 'responsible_social_workers'],
  ['responsible_social_workers_summary_update', 'responsible_social_workers'],
  ['responsible_social_workers_summary_delete', 'responsible_social_workers'],
];

export async function up(knex: Knex): Promise<void> {
  for (const [trigger, table] of TRIGGERS) await knex.raw('DROP TRIGGER IF EXISTS ?? ON ??', [trigger, table]);
  await knex.raw('DROP FUNCTION IF EXISTS summarise_pair_assignments()');
  await knex.raw(`CREATE TABLE case_caseload_members (
    case_id uuid NOT NULL,
    professional_id text NOT NULL,
    PRIMARY KEY (case_id, professional_id))`);
  await knex.raw(`CREATE FUNCTION refresh_case_caseload_members(affected uuid[]) RETURNS void LANGUAGE sql AS $$
    WITH now_serving AS (
      SELECT case_id, nurse_id AS professional_id FROM pair_assignments WHERE released_at IS NULL AND case_id = ANY(affected)
      UNION
      SELECT case_id, social_worker_id FROM pair_assignments WHERE released_at IS NULL AND case_id = ANY(affected)
      UNION
      SELECT case_id, professional_id FROM responsible_social_workers WHERE released_at IS NULL AND case_id = ANY(affected)),
    removed AS (
      DELETE FROM case_caseload_members m WHERE m.case_id = ANY(affected)
        AND NOT EXISTS (SELECT 1 FROM now_serving s WHERE s.case_id = m.case_id AND s.professional_id = m.professional_id)
      RETURNING m.professional_id),
    added AS (
      INSERT INTO case_caseload_members (case_id, professional_id) SELECT case_id, professional_id FROM now_serving
      ON CONFLICT DO NOTHING RETURNING professional_id)
    INSERT INTO professional_caseloads AS t (professional_id, active_cases)
      SELECT d.professional_id, sum(d.sign) FROM (
        SELECT -1 AS sign, professional_id FROM removed UNION ALL SELECT 1, professional_id FROM added) d
      GROUP BY 1
      HAVING sum(d.sign) <> 0
      ORDER BY 1
      ON CONFLICT (professional_id) DO UPDATE SET active_cases = t.active_cases + excluded.active_cases
  $$`);
  await knex.raw(`CREATE FUNCTION summarise_case_caseloads() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      PERFORM refresh_case_caseload_members(ARRAY(SELECT DISTINCT case_id FROM new_rows ORDER BY 1));
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM refresh_case_caseload_members(ARRAY(SELECT DISTINCT case_id FROM old_rows ORDER BY 1));
    ELSE
      PERFORM refresh_case_caseload_members(ARRAY(SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows ORDER BY 1));
    END IF;
    RETURN NULL;
  END $$`);

  await knex.raw(`INSERT INTO case_caseload_members (case_id, professional_id)
    SELECT case_id, nurse_id FROM pair_assignments WHERE released_at IS NULL
    UNION SELECT case_id, social_worker_id FROM pair_assignments WHERE released_at IS NULL
    UNION SELECT case_id, professional_id FROM responsible_social_workers WHERE released_at IS NULL`);
  await knex.raw('DELETE FROM professional_caseloads');
  await knex.raw(`INSERT INTO professional_caseloads (professional_id, active_cases)
    SELECT professional_id, count(*) FROM case_caseload_members GROUP BY 1 ORDER BY 1`);

  for (const [trigger, table] of TRIGGERS) {
    const [event, transition] = trigger.endsWith('_insert')
      ? ['INSERT', 'NEW TABLE AS new_rows']
      : trigger.endsWith('_update')
        ? ['UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows']
        : ['DELETE', 'OLD TABLE AS old_rows'];
    await knex.raw(`CREATE TRIGGER ${trigger} AFTER ${event} ON ${table}
      REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION summarise_case_caseloads()`);
  }
}

/** Back to the pairs' caseloads alone: the dashboard summaries rebuilt from the rows, as migration 20261207090000 keeps them. */
export async function down(knex: Knex): Promise<void> {
  for (const [trigger, table] of TRIGGERS) await knex.raw('DROP TRIGGER IF EXISTS ?? ON ??', [trigger, table]);
  await knex.raw('DROP FUNCTION IF EXISTS summarise_case_caseloads()');
  await knex.raw('DROP FUNCTION IF EXISTS refresh_case_caseload_members(uuid[])');
  await knex.schema.dropTableIfExists('case_caseload_members');
  await summaries.down(knex);
  await summaries.up(knex);
}
