import type { ElementBehaviour } from './behaviour.js';

/** A process or (event) subprocess opens its event subprocesses' starts, then starts its own start event. */
export const activateScope: ElementBehaviour = (tx, ei, element) => {
  if (!tx.events.openEventSubProcessStarts(ei, element)) return;
  const start = ei.runtime.startEventId ?? element.noneStartId!;
  // An embedded subprocess starts plain; a process or event subprocess hands its trigger's variables on.
  const handOn = element.kind === 'subProcess' ? {} : { trigger: ei.runtime.trigger, localTrigger: ei.runtime.localTrigger };
  tx.lifecycle.activate(ei, start, handOn);
};
