import type { ReceiveTaskElement } from '../../model/types.js';
import { activityOf } from './activity.js';
import { awaitEvent } from './await-event.js';
import type { ElementUnit } from './element-unit.js';
import { EVENT_UNITS } from './events/index.js';

/** A receive task waits like a message catch event, so the runtime sees it as one. */
export const receiveTaskUnit: ElementUnit<ReceiveTaskElement> = {
  compile(e, common, context) {
    const message = e.messageRef ? context.root.messages.get(e.messageRef.id) : undefined;
    if (!message?.name || !message.correlationKey) {
      throw context.unsupported(e.id, 'a receive task needs a message with a name and a zeebe:subscription correlationKey');
    }
    return { ...activityOf(e, common, context), event: { kind: 'message', message } };
  },
  expressions: (element) => EVENT_UNITS.message.expressions(element.event),
  activate: awaitEvent,
};
