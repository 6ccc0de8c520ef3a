import { stripEquals, type Moddle } from './moddle.js';
import type { ListenerDefinition, Mapping } from './types.js';

/** zeebe:input / zeebe:output parameters; a missing source maps null. */
export function mappings(list: Moddle[] | undefined): Mapping[] {
  return (list ?? []).map((m) => ({ source: stripEquals(m.source ?? 'null'), target: m.target }));
}

/** The execution listeners of one event type; a listener without eventType listens to 'start'. */
export function listenerDefs(list: Moddle[], eventType: 'start' | 'end'): ListenerDefinition[] {
  return list.filter((l) => (l.eventType ?? 'start') === eventType).map((l) => ({ type: l.type ?? '', retries: l.retries ?? '3' }));
}
