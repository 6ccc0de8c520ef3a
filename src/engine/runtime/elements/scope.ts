import type { ContainerElement } from '../../model/types.js';
import type { ElementInstance } from '../entities.js';
import { activateInstructed } from '../element-activation.js';
import type { Transition } from '../transition.js';

/** A process or (event) subprocess opens its event subprocesses' starts, then starts its own start event. */
export function activateScope(tx: Transition, ei: ElementInstance, element: ContainerElement): void {
  if (!tx.events.openEventSubProcessStarts(ei, element)) return;
  if (ei.runtime.startAt) return activateInstructed(tx, ei);
  const start = ei.runtime.startEventId ?? element.noneStartId;
  if (!start) throw new Error(`${element.id} was activated without a start event to begin at`);
  // An embedded subprocess starts plain; a process or event subprocess hands its trigger's variables on.
  const handOn = element.kind === 'subProcess' ? {} : { trigger: ei.runtime.trigger, localTrigger: ei.runtime.localTrigger };
  tx.lifecycle.activate(ei, start, handOn);
}
