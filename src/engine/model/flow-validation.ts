import { checkFeel } from './expression-validation.js';
import type { Unsupported } from './rejection.js';
import type { ElementModel } from './types.js';

/** Conditions only where a gateway chooses, and a way out of every boundary event. */
export function validateOutgoingFlows(e: ElementModel, unsupported: Unsupported): void {
  const gateway = e.kind === 'exclusiveGateway' || e.kind === 'inclusiveGateway';
  for (const flow of e.outgoing) {
    if (flow.condition !== undefined && !gateway) {
      throw unsupported(flow.id, 'conditions are supported only on flows leaving exclusive or inclusive gateways');
    }
    if (gateway && e.outgoing.length > 1 && flow.id !== e.defaultFlowId && flow.condition === undefined) {
      throw unsupported(flow.id, `a flow leaving the gateway '${e.id}' needs a condition or must be its default flow`);
    }
    if (flow.condition !== undefined) checkFeel(flow.id, flow.condition, unsupported);
  }
  if (e.kind === 'boundaryEvent' && e.outgoing.length === 0) {
    throw unsupported(e.id, 'a boundary event needs an outgoing sequence flow');
  }
}

/** An event-based gateway waits for one of its targets, so each must be something that waits. */
export function validateEventGateway(e: ElementModel, elements: ReadonlyMap<string, ElementModel>, unsupported: Unsupported): void {
  if (e.outgoing.length < 2) throw unsupported(e.id, 'an event-based gateway needs at least two outgoing flows');
  for (const flow of e.outgoing) {
    const target = elements.get(flow.targetId)!;
    const ok =
      (target.kind === 'intermediateCatchEvent' && ['timer', 'message'].includes(target.event?.kind ?? '')) ||
      target.kind === 'receiveTask';
    if (!ok) throw unsupported(e.id, `'${target.id}' after an event-based gateway must be a timer or message catch event`);
  }
}
