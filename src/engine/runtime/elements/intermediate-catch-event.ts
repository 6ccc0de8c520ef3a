import { compileEventDefinition } from '../../model/event-definition.js';
import type { IntermediateCatchEventElement } from '../../model/types.js';
import { awaitEvent } from './await-event.js';
import type { ElementUnit } from './element-unit.js';
import { eventUnitOf } from './events/index.js';
import { requireCorrelationKey } from './events/message.js';

export const intermediateCatchEventUnit: ElementUnit<IntermediateCatchEventElement> = {
  compile: (e, common, { root, unsupported }) => ({ ...common, event: compileEventDefinition(e, root, unsupported) }),
  validate({ id, event }, { unsupported }) {
    if (!['timer', 'message', 'signal', 'link'].includes(event.kind)) {
      throw unsupported(id, 'an intermediate catch event needs a timer, message, signal or link definition');
    }
    requireCorrelationKey(id, event, unsupported);
  },
  expressions: (element) => eventUnitOf(element.event).expressions(element.event),
  activate: awaitEvent,
};
