import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { EngineRejection } from '../errors.js';
import { ENGINE_SCHEMA } from '../store/schema.js';
import { keyParam } from './keys.js';
import * as map from './mappers.js';
import {
  elementInstanceFields,
  incidentFields,
  jobFields,
  processDefinitionFields,
  processInstanceFields,
  processInstanceQuery,
  userTaskFields,
  variableFields,
} from './read-queries.js';
import { search } from './search.js';

const S = ENGINE_SCHEMA;

/**
 * The read side of /v2, answered straight from the engine's tables (which keep history, as
 * Operate's and Tasklist's indices do on a cluster).
 */
export function queryRoutes(knex: Knex): Router {
  const router = Router();
  const one = async (query: Knex.QueryBuilder, what: string, key: string) => {
    const row = await query.first();
    if (!row) throw EngineRejection.notFound(`${what} with key '${key}' not found`);
    return row as Record<string, unknown>;
  };

  router.post('/process-definitions/search', async (req, res) => {
    res.json(await search(knex(`${S}.process_definitions`).select('*'), req.body, processDefinitionFields, map.processDefinition));
  });
  router.get('/process-definitions/:key', async (req, res) => {
    const key = keyParam(req.params.key, 'processDefinitionKey');
    res.json(map.processDefinition(await one(knex(`${S}.process_definitions`).where({ key }), 'Process definition', key)));
  });
  router.get('/process-definitions/:key/xml', async (req, res) => {
    const key = keyParam(req.params.key, 'processDefinitionKey');
    const row = await one(knex(`${S}.process_definitions`).where({ key }).select('xml'), 'Process definition', key);
    res.type('text/xml').send(row.xml);
  });

  router.post('/process-instances/search', async (req, res) => {
    res.json(await search(processInstanceQuery(knex), req.body, processInstanceFields, map.processInstance, 'pi.key'));
  });
  router.get('/process-instances/:key', async (req, res) => {
    const key = keyParam(req.params.key, 'processInstanceKey');
    res.json(map.processInstance(await one(processInstanceQuery(knex).where('pi.key', key), 'Process instance', key)));
  });

  router.post('/element-instances/search', async (req, res) => {
    res.json(await search(knex(`${S}.element_instances`).select('*').whereNot('type', 'PROCESS'), req.body, elementInstanceFields, map.elementInstance));
  });
  router.get('/element-instances/:key', async (req, res) => {
    const key = keyParam(req.params.key, 'elementInstanceKey');
    res.json(map.elementInstance(await one(knex(`${S}.element_instances`).where({ key }), 'Element instance', key)));
  });

  router.post('/variables/search', async (req, res) => {
    res.json(await search(knex(`${S}.variables`).select('*'), req.body, variableFields, (r) => map.variable(r, false)));
  });
  router.get('/variables/:key', async (req, res) => {
    const key = keyParam(req.params.key, 'variableKey');
    res.json(map.variable(await one(knex(`${S}.variables`).where({ key }), 'Variable', key), true));
  });

  router.post('/incidents/search', async (req, res) => {
    res.json(await search(knex(`${S}.incidents`).select('*'), req.body, incidentFields, map.incident));
  });
  router.get('/incidents/:key', async (req, res) => {
    const key = keyParam(req.params.key, 'incidentKey');
    res.json(map.incident(await one(knex(`${S}.incidents`).where({ key }), 'Incident', key)));
  });

  router.post('/jobs/search', async (req, res) => {
    res.json(await search(knex(`${S}.jobs`).select('*'), req.body, jobFields, map.job));
  });

  router.post('/user-tasks/search', async (req, res) => {
    res.json(await search(knex(`${S}.user_tasks`).select('*'), req.body, userTaskFields, map.userTask));
  });
  router.get('/user-tasks/:key', async (req, res) => {
    const key = keyParam(req.params.key, 'userTaskKey');
    res.json(map.userTask(await one(knex(`${S}.user_tasks`).where({ key }), 'User task', key)));
  });
  router.get('/user-tasks/:key/form', async (req, res) => {
    const key = keyParam(req.params.key, 'userTaskKey');
    const task = await one(knex(`${S}.user_tasks`).where({ key }), 'User task', key);
    if (!task.form_key) return res.status(204).end();
    const form = await one(knex(`${S}.forms`).where({ key: task.form_key }), 'Form', String(task.form_key));
    res.json({ tenantId: form.tenant_id, formId: form.form_id, schema: form.schema, version: Number(form.version), formKey: String(form.key) });
  });
  router.post('/user-tasks/:key/variables/search', async (req: Request, res) => {
    const key = keyParam(req.params.key, 'userTaskKey');
    const task = await one(knex(`${S}.user_tasks`).where({ key }), 'User task', key);
    const scopes = knex(`${S}.element_instances`).where({ process_instance_key: task.process_instance_key }).select('key');
    const base = knex(`${S}.variables`).select('*').whereIn('scope_key', scopes).andWhere({ process_instance_key: task.process_instance_key });
    res.json(await search(base, req.body, variableFields, (r) => map.variable(r, false)));
  });

  return router;
}
