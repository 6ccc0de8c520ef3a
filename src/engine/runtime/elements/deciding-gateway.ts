import type { ElementBehaviour } from './behaviour.js';

/** An exclusive or inclusive gateway takes the flows whose conditions hold. */
export const decideFlows: ElementBehaviour = (tx, ei, element) => tx.flows.decide(ei, element);
