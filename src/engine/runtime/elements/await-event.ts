import type { EventElement } from '../../model/types.js';
import type { ElementInstance } from '../entities.js';
import type { Transition } from '../transition.js';
import { eventUnitOf } from './events/index.js';

/** A receive task or intermediate catch event waits for its message, signal or timer, unless already triggered; a link has arrived. */
export function awaitEvent(tx: Transition, ei: ElementInstance, element: EventElement): void {
  const trigger = ei.runtime.trigger;
  const open = eventUnitOf(element.event).open;
  if (trigger || !open) return tx.lifecycle.complete(ei, trigger);
  open(tx, ei, element.id, element.event);
}
