import type { ElementInstance } from '../entities.js';
import type { Transition } from '../transition.js';

/** Done once activated, with its trigger's variables. */
export function passThrough(tx: Transition, ei: ElementInstance): void {
  tx.lifecycle.complete(ei, ei.runtime.trigger);
}
