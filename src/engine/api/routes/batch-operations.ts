import { z } from 'zod';
import { EngineRejection } from '../../errors.js';
import { batchOperationsQuery, runBatchOperation, toBatchOperation } from '../batch/batch-operations.js';
import { keyParam } from '../keys.js';
import { findOne, text } from '../queries/convert.js';
import { processInstanceSearch, processInstancesQuery } from '../queries/process-instances.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { applyFilter } from '../search/apply-filter.js';
import { parseSearchRequest } from '../search/request.js';
import type { SearchSpec } from '../search/spec.js';
import { OperationOnlyBody, OperationReference, parseRequest } from '../validation.js';
import { incidentsBelow } from './related-incidents.js';

const CancellationBatch = z.object({
  filter: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }),
  operationReference: OperationReference,
});

/** Camunda cancels ACTIVE root instances only, whatever the filter says of state and parent. */
const OVERRIDDEN = ['state', 'parentProcessInstanceKey'];

function withoutOverridden(filter: Record<string, unknown>): Record<string, unknown> {
  const kept = Object.fromEntries(Object.entries(filter).filter(([name]) => !OVERRIDDEN.includes(name)));
  const alternatives = filter.$or as Array<Record<string, unknown>> | null | undefined;
  if (alternatives) kept.$or = alternatives.map(withoutOverridden);
  return kept;
}

/**
 * POST /v2/process-instances/cancellation (the instances a filter matches),
 * POST /v2/process-instances/{key}/incident-resolution (the instance's active incidents, called
 * instances included) and GET /v2/batch-operations/{key}, which reports how such a batch went.
 */
export function batchOperationRoutes(t: RouteTable, deps: RouteDeps): void {
  const { commands, knex, searchLagMs } = deps;
  const instanceSpec = processInstanceSearch(knex) as SearchSpec<unknown>;
  const actorId = deps.principal ?? null;

  t.add('post', '/process-instances/cancellation', async (req, res) => {
    const body = parseRequest(CancellationBatch, req.body ?? {});
    const filter = parseSearchRequest(instanceSpec, { filter: body.filter }).filter ?? {};
    const query = processInstancesQuery(knex, searchLagMs).clearSelect().select('pi.key').orderBy('pi.key');
    applyFilter(query, instanceSpec, withoutOverridden(filter));
    query.where('pi.state', 'ACTIVE').whereNull('pi.parent_process_instance_key');
    const itemKeys = ((await query) as Array<{ key: unknown }>).map((r) => text(r.key));
    res.json(
      await runBatchOperation(knex, { type: 'CANCEL_PROCESS_INSTANCE', actorId, itemKeys }, (key) => commands.cancelProcessInstance(key)),
    );
  });

  t.add('post', '/process-instances/:processInstanceKey/incident-resolution', async (req, res) => {
    const key = keyParam(req, 'processInstanceKey');
    parseRequest(OperationOnlyBody, req.body);
    await findOne(processInstancesQuery(knex, searchLagMs).where('pi.key', key), 'Process instance', key);
    const rows = (await incidentsBelow(knex, key, searchLagMs).where('inc.state', 'ACTIVE').orderBy('inc.key')) as Array<{ key: unknown }>;
    const itemKeys = rows.map((r) => text(r.key));
    res.json(
      await runBatchOperation(knex, { type: 'RESOLVE_INCIDENT', actorId, itemKeys }, (incidentKey) =>
        commands.resolveIncident(incidentKey),
      ),
    );
  });

  t.add('get', '/batch-operations/:batchOperationKey', async (req, res) => {
    const raw = String(req.params.batchOperationKey);
    // Camunda's batch keys are engine keys or, from Operate before 8.8, UUIDs: neither kind of unknown key is there.
    if (!/^[0-9]{1,19}$/.test(raw)) throw EngineRejection.notFound(`Batch operation with key '${raw}' not found`);
    const key = keyParam(req, 'batchOperationKey');
    res.json(toBatchOperation(await findOne(batchOperationsQuery(knex).where('bo.key', key), 'Batch operation', key)));
  });
}
