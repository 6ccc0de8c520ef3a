import type { ElementKind } from '../../model/types.js';
import type { ElementBehaviour } from './behaviour.js';
import { callProcess } from './call-activity.js';
import { awaitEvent } from './catch-event.js';
import { decideFlows } from './deciding-gateway.js';
import { endEvent } from './end-event.js';
import { openFollowingEvents } from './event-based-gateway.js';
import { createJobOrPass } from './job-task.js';
import { forkAll } from './parallel-gateway.js';
import { passThrough } from './pass-through.js';
import { activateScope } from './scope.js';
import { runScript } from './script-task.js';
import { createUserTask } from './user-task.js';

/** Every element kind's behaviour; a kind added to ElementKind without one here does not compile. */
export const ELEMENT_BEHAVIOURS: Record<ElementKind, ElementBehaviour> = {
  process: activateScope,
  subProcess: activateScope,
  eventSubProcess: activateScope,
  callActivity: callProcess,
  startEvent: passThrough,
  endEvent,
  intermediateCatchEvent: awaitEvent,
  intermediateThrowEvent: createJobOrPass,
  boundaryEvent: passThrough,
  serviceTask: createJobOrPass,
  sendTask: createJobOrPass,
  businessRuleTask: createJobOrPass,
  scriptTask: runScript,
  userTask: createUserTask,
  receiveTask: awaitEvent,
  manualTask: passThrough,
  task: passThrough,
  exclusiveGateway: decideFlows,
  parallelGateway: forkAll,
  inclusiveGateway: decideFlows,
  eventBasedGateway: openFollowingEvents,
};
