import { keyParam } from '../keys.js';
import { findOne } from '../queries/convert.js';
import { elementInstanceSearch, elementInstancesQuery, toElementInstance } from '../queries/element-instances.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { runSearch } from '../search/run-search.js';

/** POST /v2/element-instances/search and GET …/{key}. */
export function elementInstanceRoutes(t: RouteTable, deps: RouteDeps): void {
  const { knex } = deps;
  const spec = elementInstanceSearch();

  t.add('post', '/element-instances/search', async (req, res) => {
    res.json(await runSearch(elementInstancesQuery(knex, deps.searchLagMs), spec, req.body));
  });

  t.add('get', '/element-instances/:elementInstanceKey', async (req, res) => {
    const key = keyParam(req, 'elementInstanceKey');
    res.json(toElementInstance(await findOne(elementInstancesQuery(knex, deps.searchLagMs).where('ei.key', key), 'Element instance', key)));
  });
}
