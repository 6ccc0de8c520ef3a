import { z } from 'zod';
import type { ModificationInstructions } from '../../commands.js';
import type { AncestorScope, MoveInstruction, VariableInstruction } from '../../runtime/instance-modification.js';
import { runBatchOperation } from '../batch/batch-operations.js';
import { keyParam } from '../keys.js';
import { text } from '../queries/convert.js';
import { processInstanceSearch, processInstancesQuery } from '../queries/process-instances.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { applyFilter } from '../search/apply-filter.js';
import { parseSearchRequest } from '../search/request.js';
import type { SearchSpec } from '../search/spec.js';
import { Key, NonBlank, OperationReference, parseRequest, Str, Variables } from '../validation.js';

const ElementId = NonBlank('elementId');
/** "-1" (or absent) leaves the choice of the flow scope instance to the engine. */
const AncestorKey = Key.nullish().transform((key) => (key === null || key === undefined || key === '-1' ? undefined : key));

const Mapping = z.object({ sourceElementId: ElementId, targetElementId: ElementId });
const MigrationPlan = z.object({ targetProcessDefinitionKey: Key, mappingInstructions: z.array(Mapping) });
const Migration = MigrationPlan.extend({ operationReference: OperationReference });

const VariableInstructions = z
  .array(z.object({ variables: Variables, scopeId: Str.nullish() }))
  .nullish()
  .transform((list): VariableInstruction[] => (list ?? []).map((v) => ({ variables: v.variables, scopeId: v.scopeId || undefined })));

const Activate = z.object({ elementId: ElementId, variableInstructions: VariableInstructions, ancestorElementInstanceKey: AncestorKey });
const Source = z.union([
  z.object({ sourceType: z.literal('byId'), sourceElementId: ElementId }).transform((s) => ({ sourceElementId: s.sourceElementId })),
  z
    .object({ sourceType: z.literal('byKey'), sourceElementInstanceKey: Key })
    .transform((s) => ({ sourceElementInstanceKey: s.sourceElementInstanceKey })),
]);
const Ancestor = z
  .union([
    z.object({ ancestorScopeType: z.literal('direct'), ancestorElementInstanceKey: AncestorKey }),
    z.object({ ancestorScopeType: z.literal('inferred') }),
    z.object({ ancestorScopeType: z.literal('sourceParent') }),
  ])
  .nullish()
  .transform((a): AncestorScope => {
    if (!a || a.ancestorScopeType === 'direct') return { type: 'direct', ancestorElementInstanceKey: a?.ancestorElementInstanceKey };
    return { type: a.ancestorScopeType };
  });
const Move = z
  .object({
    sourceElementInstruction: Source,
    targetElementId: ElementId,
    ancestorScopeInstruction: Ancestor,
    variableInstructions: VariableInstructions,
  })
  .transform((m): MoveInstruction => ({
    source: m.sourceElementInstruction,
    targetElementId: m.targetElementId,
    ancestor: m.ancestorScopeInstruction,
    variableInstructions: m.variableInstructions,
  }));
const Terminate = z.union([z.object({ elementInstanceKey: Key }), z.object({ elementId: ElementId })]);
const Modification = z.object({
  operationReference: OperationReference,
  activateInstructions: z.array(Activate).nullish(),
  moveInstructions: z.array(Move).nullish(),
  terminateInstructions: z.array(Terminate).nullish(),
});

const Filter = z.record(z.string(), z.unknown(), { error: 'must be a JSON object' });
const MigrationBatch = z.object({ filter: Filter, migrationPlan: MigrationPlan, operationReference: OperationReference });
const ModificationBatch = z.object({
  filter: Filter,
  moveInstructions: z.array(z.object({ sourceElementId: ElementId, targetElementId: ElementId })),
  operationReference: OperationReference,
});

/**
 * POST /v2/process-instances/{key}/migration and …/modification, and their batch forms over the
 * instances a filter matches (…/migration, …/modification: move instructions only, as Camunda's).
 */
export function processInstanceChangeRoutes(t: RouteTable, deps: RouteDeps): void {
  const { commands, knex, searchLagMs } = deps;
  const instanceSpec = processInstanceSearch(knex) as SearchSpec<unknown>;
  const actorId = deps.principal ?? null;

  /** The keys of the active root instances a batch's filter matches, as Camunda limits a batch to. */
  const activeRootsMatching = async (filter: Record<string, unknown>): Promise<string[]> => {
    const parsed = parseSearchRequest(instanceSpec, { filter }).filter ?? {};
    const query = processInstancesQuery(knex, searchLagMs).clearSelect().select('pi.key').orderBy('pi.key');
    applyFilter(query, instanceSpec, parsed);
    query.where('pi.state', 'ACTIVE').whereNull('pi.parent_process_instance_key');
    return ((await query) as Array<{ key: unknown }>).map((r) => text(r.key));
  };

  t.add('post', '/process-instances/migration', async (req, res) => {
    const body = parseRequest(MigrationBatch, req.body ?? {});
    const itemKeys = await activeRootsMatching(body.filter);
    res.json(
      await runBatchOperation(knex, { type: 'MIGRATE_PROCESS_INSTANCE', actorId, itemKeys }, (key) =>
        commands.migrateProcessInstance(key, body.migrationPlan),
      ),
    );
  });

  t.add('post', '/process-instances/modification', async (req, res) => {
    const body = parseRequest(ModificationBatch, req.body ?? {});
    const itemKeys = await activeRootsMatching(body.filter);
    const instructions: ModificationInstructions = {
      activateInstructions: [],
      terminateInstructions: [],
      moveInstructions: body.moveInstructions.map((m) => ({
        source: { sourceElementId: m.sourceElementId },
        targetElementId: m.targetElementId,
        ancestor: { type: 'sourceParent' },
        variableInstructions: [],
      })),
    };
    res.json(
      await runBatchOperation(knex, { type: 'MODIFY_PROCESS_INSTANCE', actorId, itemKeys }, (key) =>
        commands.modifyProcessInstance(key, instructions),
      ),
    );
  });

  t.add('post', '/process-instances/:processInstanceKey/migration', async (req, res) => {
    const key = keyParam(req, 'processInstanceKey');
    const body = parseRequest(Migration, req.body ?? {});
    await commands.migrateProcessInstance(key, body);
    res.status(204).end();
  });

  t.add('post', '/process-instances/:processInstanceKey/modification', async (req, res) => {
    const key = keyParam(req, 'processInstanceKey');
    const body = parseRequest(Modification, req.body ?? {});
    await commands.modifyProcessInstance(key, {
      activateInstructions: (body.activateInstructions ?? []).map((a) => ({
        elementId: a.elementId,
        variableInstructions: a.variableInstructions,
        ancestorElementInstanceKey: a.ancestorElementInstanceKey,
      })),
      moveInstructions: body.moveInstructions ?? [],
      terminateInstructions: body.terminateInstructions ?? [],
    });
    res.status(204).end();
  });
}
