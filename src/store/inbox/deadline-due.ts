import type { Knex } from 'knex';

/**
 * Each case's earliest unmet deadline that the pathway meets by moving on (a rule with a stage
 * and event it is met at), by case id. Until that stage is reached, every task of the case works
 * towards it: an urgent client's screening is due at once, and the official's decision by the care
 * guarantee. Deadlines that no stage meets (record keeping, appeal time) are left out.
 */
export async function pathwayDueDates(knex: Knex, caseIds: readonly string[]): Promise<Map<string, Date>> {
  if (caseIds.length === 0) return new Map();
  const rows: Array<{ case_id: string; due_at: Date }> = await knex('deadlines as d')
    .join('deadline_rules as r', 'r.id', 'd.rule_id')
    .whereIn('d.case_id', [...new Set(caseIds)])
    .whereNull('d.met_at')
    .whereNotNull('r.met_stage')
    .groupBy('d.case_id')
    .select('d.case_id', knex.raw('min(d.due_at) as due_at'));
  return new Map(rows.map((r) => [r.case_id, r.due_at]));
}
