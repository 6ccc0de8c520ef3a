import { keyParam } from '../keys.js';
import { findOne } from '../queries/convert.js';
import { incidentSearch, incidentsQuery, toIncident } from '../queries/incidents.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { runSearch } from '../search/run-search.js';
import { OperationOnlyBody, parseRequest } from '../validation.js';

/** POST /v2/incidents/search, GET …/{key}, POST …/{key}/resolution. */
export function incidentRoutes(t: RouteTable, deps: RouteDeps): void {
  const { commands, knex } = deps;
  const spec = incidentSearch();

  t.add('post', '/incidents/search', async (req, res) => {
    res.json(await runSearch(incidentsQuery(knex, deps.searchLagMs), spec, req.body));
  });

  t.add('get', '/incidents/:incidentKey', async (req, res) => {
    const key = keyParam(req, 'incidentKey');
    res.json(toIncident(await findOne(incidentsQuery(knex, deps.searchLagMs).where('inc.key', key), 'Incident', key)));
  });

  t.add('post', '/incidents/:incidentKey/resolution', async (req, res) => {
    const key = keyParam(req, 'incidentKey');
    parseRequest(OperationOnlyBody, req.body);
    await commands.resolveIncident(key);
    res.status(204).end();
  });
}
