import type { Knex } from 'knex';
import { type DashboardFilter, whereCaseInScope } from './filter-clauses.js';

/** The process instance keys of the open cases in the filter's region and team. */
export async function openCaseInstanceKeys(knex: Knex, filter: DashboardFilter): Promise<Set<string>> {
  const rows: { process_instance_key: string }[] = await knex('cases as c')
    .whereNull('c.closed_at')
    .whereNotNull('c.process_instance_key')
    .modify((q) => whereCaseInScope(q, filter))
    .select('c.process_instance_key');
  return new Set(rows.map((r) => r.process_instance_key));
}
