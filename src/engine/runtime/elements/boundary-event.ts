import { compileEventDefinition } from '../../model/event-definition.js';
import type { BoundaryEventElement } from '../../model/types.js';
import type { ElementUnit } from './element-unit.js';
import { eventUnitOf } from './events/index.js';
import { requireCorrelationKey } from './events/message.js';
import { rejectSameSignal } from './events/signal.js';
import { passThrough } from './pass-through.js';

/** Opened with its activity (see EventTriggers.openBoundaries); activated once its timer, message, signal or error happens. */
export const boundaryEventUnit: ElementUnit<BoundaryEventElement> = {
  compile(e, common, { root, unsupported }) {
    if (!e.attachedToRef?.id) throw unsupported(e.id, 'the boundary event is attached to an unknown activity');
    return {
      ...common,
      event: compileEventDefinition(e, root, unsupported),
      attachedToId: e.attachedToRef.id,
      interrupting: e.cancelActivity !== false,
    };
  },
  validate({ id, event, interrupting, outgoing, attachedToId }, { process, unsupported }) {
    if (!['timer', 'message', 'error', 'signal'].includes(event.kind))
      throw unsupported(id, 'a boundary event needs a timer, message, error or signal definition');
    const siblings = [...process.elements.values()].flatMap((e) =>
      e.kind === 'boundaryEvent' && e.attachedToId === attachedToId ? [e] : [],
    );
    rejectSameSignal(id, event, siblings, unsupported);
    if (event.kind === 'error' && !interrupting) throw unsupported(id, 'error boundary events are always interrupting');
    requireCorrelationKey(id, event, unsupported);
    if (outgoing.length === 0) throw unsupported(id, 'a boundary event needs an outgoing sequence flow');
  },
  expressions: (element) => eventUnitOf(element.event).expressions(element.event),
  activate: passThrough,
};
