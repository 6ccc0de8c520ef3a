import type { EventUnit } from './event-unit.js';

/** A terminate end event: leaving it terminates everything else in its scope (see SequenceFlows.leave). */
export const terminateEvent: EventUnit<{ kind: 'terminate' }> = {
  compile: () => ({ kind: 'terminate' }),
  expressions: () => [],
};
