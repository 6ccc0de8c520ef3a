import type { EventSubProcessElement } from '../../model/types.js';
import type { ElementUnit } from './element-unit.js';
import { activateScope } from './scope.js';

/** Started by its start event's timer, message or error while its container is active. */
export const eventSubProcessUnit: ElementUnit<EventSubProcessElement> = {
  compile: (_e, common) => ({ ...common, eventSubProcessIds: [] }),
  validate(element, { unsupported }) {
    if (element.noneStartId) throw unsupported(element.id, 'an event subprocess needs a timer, message or error start event');
  },
  activate: activateScope,
};
