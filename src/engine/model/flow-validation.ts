import { checkFeel } from './expression-validation.js';
import type { Unsupported } from './rejection.js';
import type { ElementModel } from './types.js';

/** Conditions only where a gateway chooses, and each a valid FEEL expression. */
export function validateOutgoingFlows(e: ElementModel, unsupported: Unsupported): void {
  const gateway = e.kind === 'exclusiveGateway' || e.kind === 'inclusiveGateway';
  for (const flow of e.outgoing) {
    if (flow.condition === undefined) continue;
    if (!gateway) throw unsupported(flow.id, 'conditions are supported only on flows leaving exclusive or inclusive gateways');
    checkFeel(flow.id, flow.condition, unsupported);
  }
}
