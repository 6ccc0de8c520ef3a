import { z } from 'zod';
import { keyParam } from '../keys.js';
import { findOne } from '../queries/convert.js';
import { processInstanceSearch, processInstancesQuery, toProcessInstance } from '../queries/process-instances.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { runSearch } from '../search/run-search.js';
import {
  Bool,
  DEFAULT_TENANT,
  Int,
  Key,
  NonBlank,
  OperationOnlyBody,
  OperationReference,
  parseRequest,
  Str,
  tenantIdOf,
  Variables,
} from '../validation.js';

const CreateProcessInstance = z
  .object({
    processDefinitionId: Str.nullish(),
    processDefinitionKey: Key.nullish(),
    processDefinitionVersion: Int.nullish(),
    variables: Variables,
    tenantId: tenantIdOf('Create Process Instance'),
    operationReference: OperationReference,
    startInstructions: z.array(z.object({ elementId: NonBlank('elementId') })).nullish(),
    runtimeInstructions: z.array(z.unknown()).nullish(),
    awaitCompletion: Bool.nullish(),
    requestTimeout: Int.nullish(),
    fetchVariables: z.array(Str).nullish(),
    tags: z.array(Str).nullish(),
    businessId: Str.nullish(),
  })
  .superRefine((body, ctx) => {
    const violation = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (!body.processDefinitionId && !body.processDefinitionKey) {
      violation('At least one of [processDefinitionId, processDefinitionKey] is required');
    } else if (body.processDefinitionId && body.processDefinitionKey) {
      violation('Only one of [processDefinitionId, processDefinitionKey] is allowed');
    }
    const unsupported = (field: string) => violation(`The embedded engine does not support ${field} when creating a process instance`);
    if (body.runtimeInstructions?.length) unsupported('runtimeInstructions');
    if (body.tags?.length) unsupported('tags');
    if (body.businessId) unsupported('businessId');
  });

/** POST /v2/process-instances, …/search, GET …/{key}, POST …/{key}/cancellation. */
export function processInstanceRoutes(t: RouteTable, deps: RouteDeps): void {
  const { commands, knex } = deps;
  const spec = processInstanceSearch(knex);

  t.add('post', '/process-instances', async (req, res) => {
    const body = parseRequest(CreateProcessInstance, req.body ?? {});
    const version = body.processDefinitionVersion;
    const created = await commands.createProcessInstance({
      processDefinitionId: body.processDefinitionId ?? undefined,
      processDefinitionKey: body.processDefinitionKey ?? undefined,
      processDefinitionVersion: version === null || version === undefined || version < 0 ? undefined : version,
      variables: body.variables,
      awaitCompletion: body.awaitCompletion ?? false,
      requestTimeout: Math.max(0, body.requestTimeout ?? 0),
      fetchVariables: body.fetchVariables ?? undefined,
      ...(body.startInstructions?.length ? { startInstructions: body.startInstructions.map((s) => s.elementId) } : {}),
    });
    res.json({
      processDefinitionId: created.processDefinitionId,
      processDefinitionVersion: created.processDefinitionVersion,
      tenantId: DEFAULT_TENANT,
      variables: created.variables,
      processDefinitionKey: created.processDefinitionKey,
      processInstanceKey: created.processInstanceKey,
      tags: [],
      businessId: null,
    });
  });

  t.add('post', '/process-instances/search', async (req, res) => {
    res.json(await runSearch(processInstancesQuery(knex, deps.searchLagMs), spec, req.body));
  });

  t.add('get', '/process-instances/:processInstanceKey', async (req, res) => {
    const key = keyParam(req, 'processInstanceKey');
    res.json(toProcessInstance(await findOne(processInstancesQuery(knex, deps.searchLagMs).where('pi.key', key), 'Process instance', key)));
  });

  t.add('post', '/process-instances/:processInstanceKey/cancellation', async (req, res) => {
    const key = keyParam(req, 'processInstanceKey');
    parseRequest(OperationOnlyBody, req.body);
    await commands.cancelProcessInstance(key);
    res.status(204).end();
  });
}
