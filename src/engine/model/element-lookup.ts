import type { ActivityElement, ContainerElement, ElementModel, EventDefinition, LoopDefinition } from './types.js';

/** An element of a compiled process; a missing one is a bug in the engine, not in the diagram. */
export function elementIn(model: { elements: ReadonlyMap<string, ElementModel> }, id: string): ElementModel {
  const element = model.elements.get(id);
  if (!element) throw new Error(`element ${id} is not part of the process`);
  return element;
}

/** The event definition of an event element (or a receive task's message); undefined for other elements. */
export function eventOf(element: ElementModel): EventDefinition | undefined {
  return 'event' in element ? element.event : undefined;
}

export function isActivity(element: ElementModel): element is ActivityElement {
  return 'boundaryIds' in element;
}

export function isContainer(element: ElementModel): element is ContainerElement {
  return 'eventSubProcessIds' in element;
}

/** The multi-instance characteristics of an activity; undefined for everything else. */
export function loopOf(element: ElementModel): LoopDefinition | undefined {
  return isActivity(element) ? element.loop : undefined;
}

/** Whether triggering the event cancels what it is attached to (boundary) or what it starts in (event subprocess start). */
export function interrupts(element: ElementModel): boolean {
  return 'interrupting' in element ? element.interrupting : true;
}
