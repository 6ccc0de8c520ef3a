import type { Knex } from 'knex';

/**
 * Open cases without a process instance whose pathway was last asked of the engine more than
 * `graceMs` ago, longest waiting first.
 */
export async function listCasesWithoutPathway(knex: Knex, graceMs: number, limit: number): Promise<string[]> {
  const rows: Array<{ case_id: string }> = await knex('cases')
    .select('case_id')
    .whereNull('process_instance_key')
    .whereNull('closed_at')
    .where('pathway_requested_at', '<', knex.raw('now() - make_interval(secs => ?)', [graceMs / 1000]))
    .orderBy('pathway_requested_at')
    .limit(limit);
  return rows.map((r) => r.case_id);
}

/**
 * Stamps the moment the case's pathway is asked of the engine again, committed at once (outside
 * the caller's transaction): should the process stop before attaching a key, the next attempt
 * waits the grace period from here, long enough for a search to see what this attempt started.
 */
export async function markPathwayRequested(knex: Knex, caseId: string): Promise<void> {
  await knex('cases').where({ case_id: caseId }).update({ pathway_requested_at: knex.fn.now() });
}
