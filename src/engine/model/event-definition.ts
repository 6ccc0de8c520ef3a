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
  switch (d.$type) {
    case 'bpmn:TimerEventDefinition': {
      if (d.timeDuration) return { kind: 'timer', timer: { kind: 'duration', value: d.timeDuration.body?.trim() ?? '' } };
      if (d.timeDate) return { kind: 'timer', timer: { kind: 'date', value: d.timeDate.body?.trim() ?? '' } };
      if (d.timeCycle) return { kind: 'timer', timer: { kind: 'cycle', value: d.timeCycle.body?.trim() ?? '' } };
      throw unsupported(e.id, 'a timer event needs a timeDuration, timeDate or timeCycle');
    }
    case 'bpmn:MessageEventDefinition': {
      const message = d.messageRef ? root.messages.get(d.messageRef.id) : undefined;
      if (!message?.name) throw unsupported(e.id, 'a message event needs a message with a name');
      return { kind: 'message', message: { name: message.name, correlationKey: message.correlationKey } };
    }
    case 'bpmn:ErrorEventDefinition': {
      if (!d.errorRef) return { kind: 'error' };
      return { kind: 'error', errorCode: root.errors.get(d.errorRef.id) };
    }
    case 'bpmn:TerminateEventDefinition':
      return { kind: 'terminate' };
    case 'bpmn:LinkEventDefinition':
      if (!d.name) throw unsupported(e.id, 'a link event needs a name');
      return { kind: 'link', linkName: d.name };
    default:
      throw unsupported(e.id, `${d.$type.replace('bpmn:', '')}s are not supported`);
  }
}
