import type { Knex } from 'knex';
import { keyParam } from '../keys.js';
import { findOne } from '../queries/convert.js';
import { elementInstancesQuery } from '../queries/element-instances.js';
import { incidentSearch, incidentsQuery } from '../queries/incidents.js';
import { processInstancesQuery } from '../queries/process-instances.js';
import { scopeTreeKeys } from '../queries/scope-tree.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { runSearch } from '../search/run-search.js';

/** The incidents raised in an element instance or anywhere below it (called process instances included). */
export function incidentsBelow(knex: Knex, key: string, searchLagMs: number): Knex.QueryBuilder {
  return incidentsQuery(knex, searchLagMs).whereIn('inc.element_instance_key', scopeTreeKeys(knex, key));
}

/**
 * POST /v2/process-instances/{key}/incidents/search and /v2/element-instances/{key}/incidents/search:
 * the incident search narrowed to what the instance caused, as Operate's incident panel reads it.
 */
export function relatedIncidentRoutes(t: RouteTable, deps: RouteDeps): void {
  const { knex, searchLagMs } = deps;
  const spec = incidentSearch();

  t.add('post', '/process-instances/:processInstanceKey/incidents/search', async (req, res) => {
    const key = keyParam(req, 'processInstanceKey');
    await findOne(processInstancesQuery(knex, searchLagMs).where('pi.key', key), 'Process instance', key);
    res.json(await runSearch(incidentsBelow(knex, key, searchLagMs), spec, req.body));
  });

  t.add('post', '/element-instances/:elementInstanceKey/incidents/search', async (req, res) => {
    const key = keyParam(req, 'elementInstanceKey');
    await findOne(elementInstancesQuery(knex, searchLagMs).where('ei.key', key), 'Element instance', key);
    res.json(await runSearch(incidentsBelow(knex, key, searchLagMs), spec, req.body));
  });
}
