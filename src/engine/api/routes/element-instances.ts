import { z } from 'zod';
import { keyParam } from '../keys.js';
import { findOne } from '../queries/convert.js';
import { elementInstanceSearch, elementInstancesQuery, toElementInstance } from '../queries/element-instances.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { runSearch } from '../search/run-search.js';
import { Bool, OperationReference, parseRequest, Variables } from '../validation.js';

/** The body of PUT /element-instances/{key}/variables: `variables` is required there. */
const SetVariables = z.object({
  variables: z.preprocess((value, ctx) => {
    if (value === undefined || value === null) ctx.addIssue({ code: 'custom', input: value, message: 'No variables provided' });
    return value;
  }, Variables),
  local: Bool.nullish(),
  operationReference: OperationReference,
});

/** POST /v2/element-instances/search, GET …/{key} and PUT …/{key}/variables. */
export function elementInstanceRoutes(t: RouteTable, deps: RouteDeps): void {
  const { commands, knex } = deps;
  const spec = elementInstanceSearch();

  t.add('post', '/element-instances/search', async (req, res) => {
    res.json(await runSearch(elementInstancesQuery(knex, deps.searchLagMs), spec, req.body));
  });

  t.add('get', '/element-instances/:elementInstanceKey', async (req, res) => {
    const key = keyParam(req, 'elementInstanceKey');
    res.json(toElementInstance(await findOne(elementInstancesQuery(knex, deps.searchLagMs).where('ei.key', key), 'Element instance', key)));
  });

  t.add('put', '/element-instances/:elementInstanceKey/variables', async (req, res) => {
    const key = keyParam(req, 'elementInstanceKey');
    const body = parseRequest(SetVariables, req.body ?? {});
    await commands.setElementInstanceVariables(key, body.variables, body.local ?? false);
    res.status(204).end();
  });
}
