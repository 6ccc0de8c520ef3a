import type { EventDefinition } from '../../../model/types.js';
import { errorEvent } from './error.js';
import type { EventUnit, EventUnits } from './event-unit.js';
import { linkEvent } from './link.js';
import { messageEvent } from './message.js';
import { noneEvent } from './none.js';
import { signalEvent } from './signal.js';
import { terminateEvent } from './terminate.js';
import { timerEvent } from './timer.js';

/** Every event definition's unit; a kind added to EventDefinition without one here does not compile. */
export const EVENT_UNITS: EventUnits = {
  none: noneEvent,
  timer: timerEvent,
  message: messageEvent,
  error: errorEvent,
  terminate: terminateEvent,
  link: linkEvent,
  signal: signalEvent,
};

/** The bpmn-moddle types of the event definitions the engine runs. */
export const EVENT_DEFINITION_TYPES: Record<string, keyof EventUnits> = {
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:TerminateEventDefinition': 'terminate',
  'bpmn:LinkEventDefinition': 'link',
  'bpmn:SignalEventDefinition': 'signal',
};

export function eventUnitOf<D extends EventDefinition>(definition: D): EventUnit<D> {
  return EVENT_UNITS[definition.kind] as EventUnit<EventDefinition> as EventUnit<D>;
}
