import { compileEventDefinition } from '../../model/event-definition.js';
import type { StartEventElement } from '../../model/types.js';
import type { ElementUnit } from './element-unit.js';
import { eventUnitOf } from './events/index.js';
import { requireCorrelationKey } from './events/message.js';
import { passThrough } from './pass-through.js';

/** None, timer and message starts of a process; timer, message and error starts of an event subprocess. */
export const startEventUnit: ElementUnit<StartEventElement> = {
  compile: (e, common, { root, unsupported }) => ({
    ...common,
    event: compileEventDefinition(e, root, unsupported),
    interrupting: e.isInterrupting !== false,
  }),
  validate(element, { process, unsupported }) {
    const scope = element.scopeId ? process.elements.get(element.scopeId) : undefined;
    const kind = element.event.kind;
    if (scope?.kind === 'eventSubProcess') {
      if (!['timer', 'message', 'error'].includes(kind)) {
        throw unsupported(element.id, 'an event subprocess start event needs a timer, message or error definition');
      }
      if (kind === 'error' && !element.interrupting) throw unsupported(element.id, 'error start events are always interrupting');
      requireCorrelationKey(element.id, element.event, unsupported);
      return;
    }
    if (scope?.kind === 'subProcess' && kind !== 'none') {
      throw unsupported(element.id, 'an embedded subprocess starts with a none start event');
    }
    if (!['none', 'timer', 'message'].includes(kind)) throw unsupported(element.id, `${kind} start events are not supported here`);
  },
  expressions: (element) => eventUnitOf(element.event).expressions(element.event),
  activate: passThrough,
};
