import { z } from 'zod';
import { keyParam } from '../keys.js';
import { findOne } from '../queries/convert.js';
import { elementStatistics } from '../queries/element-statistics.js';
import { processDefinitionsQuery } from '../queries/process-definitions.js';
import { processInstanceSearch, processInstancesQuery } from '../queries/process-instances.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { applyFilter } from '../search/apply-filter.js';
import { parseSearchRequest } from '../search/request.js';
import type { SearchSpec } from '../search/spec.js';
import { parseRequest } from '../validation.js';

const DefinitionStatistics = z
  .object({ filter: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }).nullish() })
  .nullish();

/**
 * POST /v2/process-definitions/{key}/statistics/element-instances (over the definition's instances
 * a process instance filter selects) and GET /v2/process-instances/{key}/statistics/element-instances.
 */
export function elementStatisticsRoutes(t: RouteTable, deps: RouteDeps): void {
  const { knex, searchLagMs } = deps;
  const instanceSpec = processInstanceSearch(knex) as SearchSpec<unknown>;

  t.add('post', '/process-definitions/:processDefinitionKey/statistics/element-instances', async (req, res) => {
    const key = keyParam(req, 'processDefinitionKey');
    const body = parseRequest(DefinitionStatistics, req.body);
    const filter = parseSearchRequest(instanceSpec, { filter: body?.filter }).filter ?? {};
    await findOne(processDefinitionsQuery(knex).where('pd.key', key), 'Process definition', key);
    const instances = processInstancesQuery(knex, searchLagMs).clearSelect().select('pi.key').where('pi.definition_key', key);
    applyFilter(instances, instanceSpec, filter);
    res.json({ items: await elementStatistics(knex, instances, searchLagMs) });
  });

  t.add('get', '/process-instances/:processInstanceKey/statistics/element-instances', async (req, res) => {
    const key = keyParam(req, 'processInstanceKey');
    await findOne(processInstancesQuery(knex, searchLagMs).where('pi.key', key), 'Process instance', key);
    res.json({ items: await elementStatistics(knex, [key], searchLagMs) });
  });
}
