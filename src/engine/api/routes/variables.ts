import { keyParam } from '../keys.js';
import { findOne } from '../queries/convert.js';
import { toVariable, variableSearch, variablesQuery } from '../queries/variables.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { runSearch } from '../search/run-search.js';
import { truncateValues } from './user-tasks.js';

/** POST /v2/variables/search (values cut at 8 KiB unless truncateValues=false) and GET …/{key} (full value). */
export function variableRoutes(t: RouteTable, deps: RouteDeps): void {
  const { knex } = deps;
  const specs = { true: variableSearch(true), false: variableSearch(false) };

  t.add('post', '/variables/search', async (req, res) => {
    const truncate = truncateValues(req);
    res.json(await runSearch(variablesQuery(knex, deps.searchLagMs), specs[`${truncate}`], req.body));
  });

  t.add('get', '/variables/:variableKey', async (req, res) => {
    const key = keyParam(req, 'variableKey');
    res.json(toVariable(await findOne(variablesQuery(knex, deps.searchLagMs).where('v.key', key), 'Variable', key)));
  });
}
