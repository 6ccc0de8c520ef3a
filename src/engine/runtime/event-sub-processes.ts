import { elementIn } from '../model/element-lookup.js';
import type { ProcessModel, StartEventElement } from '../model/types.js';

/** The start event of an event subprocess. */
export function startEventOf(model: ProcessModel, eventSubProcessId: string): StartEventElement {
  for (const e of model.elements.values()) if (e.scopeId === eventSubProcessId && e.kind === 'startEvent') return e;
  throw new Error(`event subprocess ${eventSubProcessId} has no start event`);
}

/** Whether an element is the start event of an event subprocess. */
export function isEventSubProcessStart(model: ProcessModel, elementId: string): boolean {
  const element = elementIn(model, elementId);
  return element.kind === 'startEvent' && element.scopeId !== null && model.elements.get(element.scopeId)?.kind === 'eventSubProcess';
}
