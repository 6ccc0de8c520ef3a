import type { ElementBehaviour } from './behaviour.js';

/** An error end event throws; a message end event has its job; other end events just complete. */
export const endEvent: ElementBehaviour = (tx, ei, element) => {
  if (element.event?.kind === 'error') return tx.errors.throwFromElement(ei, element);
  if (element.job) return tx.jobs.createElementJob(ei, element.job);
  tx.lifecycle.complete(ei);
};
