import type { EventUnit } from './event-unit.js';

/** An event without a definition: it happens as soon as the token reaches it. */
export const noneEvent: EventUnit<{ kind: 'none' }> = {
  compile: () => ({ kind: 'none' }),
  expressions: () => [],
};
