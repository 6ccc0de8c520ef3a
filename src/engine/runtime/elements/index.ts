import type { ElementKind, ElementModel } from '../../model/types.js';
import { boundaryEventUnit } from './boundary-event.js';
import { callActivityUnit } from './call-activity.js';
import { decidingGatewayUnit } from './deciding-gateway.js';
import type { ElementUnit, ElementUnits } from './element-unit.js';
import { endEventUnit } from './end-event.js';
import { eventBasedGatewayUnit } from './event-based-gateway.js';
import { eventSubProcessUnit } from './event-sub-process.js';
import { intermediateCatchEventUnit } from './intermediate-catch-event.js';
import { intermediateThrowEventUnit } from './intermediate-throw-event.js';
import { jobTaskUnit } from './job-task.js';
import { parallelGatewayUnit } from './parallel-gateway.js';
import { plainTaskUnit } from './plain-task.js';
import { processUnit } from './process.js';
import { receiveTaskUnit } from './receive-task.js';
import { scriptTaskUnit } from './script-task.js';
import { startEventUnit } from './start-event.js';
import { subProcessUnit } from './sub-process.js';
import { userTaskUnit } from './user-task.js';

/** Every element kind's unit; a kind added to ElementKind without one here does not compile. */
export const ELEMENT_UNITS: ElementUnits = {
  process: processUnit,
  subProcess: subProcessUnit,
  eventSubProcess: eventSubProcessUnit,
  callActivity: callActivityUnit,
  startEvent: startEventUnit,
  endEvent: endEventUnit,
  intermediateCatchEvent: intermediateCatchEventUnit,
  intermediateThrowEvent: intermediateThrowEventUnit,
  boundaryEvent: boundaryEventUnit,
  serviceTask: jobTaskUnit,
  sendTask: jobTaskUnit,
  businessRuleTask: jobTaskUnit,
  scriptTask: scriptTaskUnit,
  userTask: userTaskUnit,
  receiveTask: receiveTaskUnit,
  manualTask: plainTaskUnit,
  task: plainTaskUnit,
  exclusiveGateway: decidingGatewayUnit,
  parallelGateway: parallelGatewayUnit,
  inclusiveGateway: decidingGatewayUnit,
  eventBasedGateway: eventBasedGatewayUnit,
};

/** The unit of an element's kind, typed for that element (the registry's type makes the pairing hold). */
export function unitOf<E extends ElementModel>(element: { kind: ElementKind }): ElementUnit<E> {
  return ELEMENT_UNITS[element.kind] as ElementUnit<ElementModel> as ElementUnit<E>;
}
