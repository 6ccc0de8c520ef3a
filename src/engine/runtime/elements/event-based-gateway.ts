import type { ElementBehaviour } from './behaviour.js';

/** Opens every following catch event's timer or subscription; the first to fire decides the way. */
export const openFollowingEvents: ElementBehaviour = (tx, ei, element) => {
  const elements = tx.modelOf(ei).elements;
  for (const flow of element.outgoing) {
    const target = elements.get(flow.targetId)!;
    const ok = target.event?.kind === 'timer' ? tx.events.openTimer(ei, target) : tx.events.openSubscription(ei, target);
    if (!ok) return;
  }
};
