import type { ElementBehaviour } from './behaviour.js';

export const callProcess: ElementBehaviour = (tx, ei, element) => tx.calls.callProcess(ei, element);
