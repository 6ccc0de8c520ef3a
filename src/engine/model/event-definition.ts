import { EVENT_DEFINITION_TYPES, EVENT_UNITS } from '../runtime/elements/events/index.js';
import type { Moddle } from './moddle.js';
import type { Unsupported } from './rejection.js';
import type { RootDefinitions } from './root-definitions.js';
import type { EventDefinition } from './types.js';

/** The one event definition of an event element; 'none' when it has none. */
export function compileEventDefinition(e: Moddle, root: RootDefinitions, unsupported: Unsupported): EventDefinition {
  const definitions: Moddle[] = e.eventDefinitions ?? [];
  if (definitions.length > 1) throw unsupported(e.id, 'events with several event definitions are not supported');
  const d = definitions[0];
  if (!d) return { kind: 'none' };
  const kind = EVENT_DEFINITION_TYPES[d.$type];
  if (!kind) throw unsupported(e.id, `${d.$type.replace('bpmn:', '')}s are not supported`);
  return EVENT_UNITS[kind].compile(d, { id: e.id, root, unsupported });
}
