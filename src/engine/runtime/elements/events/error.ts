import type { EventOfKind } from '../../../model/types.js';
import type { EventUnit } from './event-unit.js';

/** A BPMN error: thrown by an end event or a job worker, caught by a boundary event or an event subprocess (see ErrorPropagation). */
export const errorEvent: EventUnit<EventOfKind<'error'>> = {
  compile: (d, { root }) => (d.errorRef ? { kind: 'error', errorCode: root.errors.get(d.errorRef.id) } : { kind: 'error' }),
  expressions: () => [],
};
