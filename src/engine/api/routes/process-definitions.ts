import { ENGINE_SCHEMA } from '../../store/schema.js';
import { keyParam } from '../keys.js';
import { findOne, text } from '../queries/convert.js';
import { processDefinitionSearch, processDefinitionsQuery, toProcessDefinition } from '../queries/process-definitions.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { runSearch } from '../search/run-search.js';

/** POST /v2/process-definitions/search, GET …/{key}, GET …/{key}/xml (text/xml). */
export function processDefinitionRoutes(t: RouteTable, deps: RouteDeps): void {
  const { knex } = deps;
  const spec = processDefinitionSearch(knex);

  t.add('post', '/process-definitions/search', async (req, res) => {
    res.json(await runSearch(processDefinitionsQuery(knex), spec, req.body));
  });

  t.add('get', '/process-definitions/:processDefinitionKey', async (req, res) => {
    const key = keyParam(req, 'processDefinitionKey');
    res.json(toProcessDefinition(await findOne(processDefinitionsQuery(knex).where('pd.key', key), 'Process definition', key)));
  });

  t.add('get', '/process-definitions/:processDefinitionKey/xml', async (req, res) => {
    const key = keyParam(req, 'processDefinitionKey');
    const row = await findOne(knex(`${ENGINE_SCHEMA}.process_definitions`).select('xml').where('key', key), 'Process definition', key);
    res.type('text/xml; charset=utf-8').send(text(row.xml));
  });
}
