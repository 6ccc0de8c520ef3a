import type { ElementBehaviour } from './behaviour.js';

/** A receive task or intermediate catch event waits for its message or timer, unless already triggered. */
export const awaitEvent: ElementBehaviour = (tx, ei, element) => {
  const trigger = ei.runtime.trigger;
  if (trigger || element.event?.kind === 'link') return tx.lifecycle.complete(ei, trigger);
  if (element.event?.kind === 'timer') {
    if (tx.events.openTimer(ei, element)) tx.treeOf(ei).touch(ei);
    return;
  }
  tx.events.openSubscription(ei, element);
};
