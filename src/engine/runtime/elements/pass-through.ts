import type { ElementBehaviour } from './behaviour.js';

/** Start and boundary events, manual and plain tasks: done once activated, with their trigger's variables. */
export const passThrough: ElementBehaviour = (tx, ei) => tx.lifecycle.complete(ei, ei.runtime.trigger);
