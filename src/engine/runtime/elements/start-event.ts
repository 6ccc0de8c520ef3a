import { compileEventDefinition } from '../../model/event-definition.js';
import type { StartEventElement } from '../../model/types.js';
import type { ElementUnit, LinkedProcess } from './element-unit.js';
import { eventUnitOf } from './events/index.js';
import { requireCorrelationKey } from './events/message.js';
import { rejectSameSignal } from './events/signal.js';
import { passThrough } from './pass-through.js';

/** None, timer, message and signal starts of a process; timer, message, signal and error starts of an event subprocess. */
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
      if (!['timer', 'message', 'error', 'signal'].includes(kind)) {
        throw unsupported(element.id, 'an event subprocess start event needs a timer, message, error or signal definition');
      }
      if (kind === 'error' && !element.interrupting) throw unsupported(element.id, 'error start events are always interrupting');
      requireCorrelationKey(element.id, element.event, unsupported);
      const espIds = [...process.elements.values()].flatMap((e) =>
        e.kind === 'eventSubProcess' && e.scopeId === scope.scopeId ? [e.id] : [],
      );
      rejectSameSignal(element.id, element.event, startsIn(process, espIds), unsupported);
      return;
    }
    if (scope?.kind === 'subProcess' && kind !== 'none') {
      throw unsupported(element.id, 'an embedded subprocess starts with a none start event');
    }
    if (!['none', 'timer', 'message', 'signal'].includes(kind))
      throw unsupported(element.id, `${kind} start events are not supported here`);
    if (element.event.kind === 'signal' && element.event.signalName.startsWith('=')) {
      throw unsupported(element.id, 'the signal name of a signal start event must be static, not an expression');
    }
    if (element.scopeId) rejectSameSignal(element.id, element.event, startsIn(process, [element.scopeId]), unsupported);
  },
  expressions: (element) => eventUnitOf(element.event).expressions(element.event),
  activate: passThrough,
};

/** The start events directly in these scopes. */
function startsIn(process: LinkedProcess, scopeIds: string[]): StartEventElement[] {
  return [...process.elements.values()].flatMap((e) =>
    e.kind === 'startEvent' && e.scopeId !== null && scopeIds.includes(e.scopeId) ? [e] : [],
  );
}
