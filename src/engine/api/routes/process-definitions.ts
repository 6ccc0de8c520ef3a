import { ENGINE_SCHEMA } from '../../store/schema.js';
import { keyParam } from '../keys.js';
import { EngineRejection } from '../../errors.js';
import { findOne, text } from '../queries/convert.js';
import { processDefinitionSearch, processDefinitionsQuery, toProcessDefinition } from '../queries/process-definitions.js';
import { latestForm, startFormIdOf, toForm } from '../queries/forms.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { runSearch } from '../search/run-search.js';

/** POST /v2/process-definitions/search, GET …/{key}, GET …/{key}/xml (text/xml), GET …/{key}/form (the start form). */
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

  t.add('get', '/process-definitions/:processDefinitionKey/form', async (req, res) => {
    const key = keyParam(req, 'processDefinitionKey');
    const row = await findOne(
      knex(`${ENGINE_SCHEMA}.process_definitions`).select('xml', 'bpmn_process_id').where('key', key),
      'Process definition',
      key,
    );
    const formId = await startFormIdOf(text(row.xml), text(row.bpmn_process_id));
    if (formId === undefined) {
      res.status(204).end();
      return;
    }
    const form = await latestForm(knex, formId);
    if (!form) throw EngineRejection.notFound(`Form with form ID '${formId}' not found`);
    res.json(toForm(form));
  });
}
