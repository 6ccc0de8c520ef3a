import type { ElementBehaviour } from './behaviour.js';

export const forkAll: ElementBehaviour = (tx, ei, element) => {
  ei.runtime.takenFlows = element.outgoing.map((f) => f.id);
  tx.lifecycle.complete(ei);
};
