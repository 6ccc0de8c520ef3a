import { API_TYPES } from './element-kinds.js';
import { compileEventDefinition } from './event-definition.js';
import { listenerDefs, mappings } from './io-mappings.js';
import { requireLatestBinding } from './latest-binding.js';
import { extension, stripEquals, type Moddle } from './moddle.js';
import { compileLoop } from './multi-instance-definition.js';
import type { Unsupported } from './rejection.js';
import type { RootDefinitions } from './root-definitions.js';
import type { ElementKind, ElementModel } from './types.js';
import { compileUserTask } from './user-task-definition.js';

/** One flow node (or the process itself) as the runtime needs it; its flows and boundaries are linked later. */
export function compileElement(
  e: Moddle,
  kind: ElementKind,
  scopeId: string | null,
  root: RootDefinitions,
  unsupported: Unsupported,
): ElementModel {
  const io = extension(e, 'zeebe:IoMapping');
  const listeners = extension(e, 'zeebe:ExecutionListeners')?.listeners ?? [];
  const model: ElementModel = {
    id: e.id,
    name: e.name ?? '',
    kind,
    apiType: API_TYPES[kind],
    scopeId,
    incoming: [],
    outgoing: [],
    defaultFlowId: e.default?.id,
    boundaryIds: [],
    attachedToId: e.attachedToRef?.id,
    interrupting: kind === 'boundaryEvent' ? e.cancelActivity !== false : e.isInterrupting !== false,
    eventSubProcessIds: [],
    inputs: mappings(io?.inputParameters),
    outputs: mappings(io?.outputParameters),
    startListeners: listenerDefs(listeners, 'start'),
    endListeners: listenerDefs(listeners, 'end'),
  };
  if (extension(e, 'zeebe:TaskListeners')) throw unsupported(e.id, 'user task listeners are not supported');
  if (kind.endsWith('Event')) model.event = compileEventDefinition(e, root, unsupported);
  const taskDefinition = extension(e, 'zeebe:TaskDefinition');
  if (taskDefinition) {
    const headers = Object.fromEntries((extension(e, 'zeebe:TaskHeaders')?.values ?? []).map((h: Moddle) => [h.key, h.value ?? '']));
    model.job = { type: taskDefinition.type ?? '', retries: taskDefinition.retries ?? '3', headers };
  }
  if (kind === 'scriptTask' && !taskDefinition) {
    const script = extension(e, 'zeebe:Script');
    if (!script?.expression || !script.resultVariable) {
      throw unsupported(e.id, 'a script task needs a zeebe:script expression and resultVariable, or a job type');
    }
    model.script = { expression: stripEquals(script.expression), resultVariable: script.resultVariable };
  }
  if (kind === 'userTask') model.userTask = compileUserTask(e, unsupported);
  if (kind === 'callActivity') {
    const called = extension(e, 'zeebe:CalledElement');
    if (!called?.processId) throw unsupported(e.id, 'a call activity needs zeebe:calledElement processId');
    requireLatestBinding(e.id, called, unsupported);
    model.call = {
      processId: called.processId,
      propagateAllChildVariables: called.propagateAllChildVariables !== false,
      propagateAllParentVariables: called.propagateAllParentVariables !== false,
    };
  }
  if (e.loopCharacteristics) model.loop = compileLoop(e, unsupported);
  return model;
}
