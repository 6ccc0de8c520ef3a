import { unitOf } from '../runtime/elements/index.js';
import { API_TYPES } from './element-kinds.js';
import { listenerDefs, mappings } from './io-mappings.js';
import { extension, type Moddle } from './moddle.js';
import type { Unsupported } from './rejection.js';
import type { RootDefinitions } from './root-definitions.js';
import type { ElementKind, ElementModel } from './types.js';

/** One flow node (or the process itself) as the runtime needs it; its flows and boundaries are linked later. */
export function compileElement(
  e: Moddle,
  kind: ElementKind,
  scopeId: string | null,
  root: RootDefinitions,
  unsupported: Unsupported,
): ElementModel {
  if (extension(e, 'zeebe:TaskListeners')) throw unsupported(e.id, 'user task listeners are not supported');
  const io = extension(e, 'zeebe:IoMapping');
  const listeners = extension(e, 'zeebe:ExecutionListeners')?.listeners ?? [];
  const common = {
    id: e.id,
    name: e.name ?? '',
    kind,
    apiType: API_TYPES[kind],
    scopeId,
    incoming: [],
    outgoing: [],
    inputs: mappings(io?.inputParameters),
    outputs: mappings(io?.outputParameters),
    startListeners: listenerDefs(listeners, 'start'),
    endListeners: listenerDefs(listeners, 'end'),
  };
  return unitOf({ kind }).compile(e, common, { root, unsupported });
}
