import type { ForkingGatewayElement } from '../../model/types.js';
import type { ElementUnit } from './element-unit.js';

/** Takes every outgoing flow; as a join it is activated once a token waits on each incoming flow (see SequenceFlows). */
export const parallelGatewayUnit: ElementUnit<ForkingGatewayElement> = {
  compile: (_e, common) => common,
  activate(tx, ei, element) {
    ei.runtime.takenFlows = element.outgoing.map((f) => f.id);
    tx.lifecycle.complete(ei);
  },
};
