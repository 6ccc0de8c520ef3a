import { elementIn, eventOf } from '../../model/element-lookup.js';
import type { ForkingGatewayElement } from '../../model/types.js';
import type { ElementUnit } from './element-unit.js';
import { eventUnitOf } from './events/index.js';

/** Opens every following catch event's timer or subscription; the first to fire decides the way. */
export const eventBasedGatewayUnit: ElementUnit<ForkingGatewayElement> = {
  compile: (_e, common) => common,
  validate(element, { process, unsupported }) {
    if (element.outgoing.length < 2) throw unsupported(element.id, 'an event-based gateway needs at least two outgoing flows');
    for (const flow of element.outgoing) {
      const target = elementIn(process, flow.targetId);
      const kind = eventOf(target)?.kind;
      const ok =
        (target.kind === 'intermediateCatchEvent' && (kind === 'timer' || kind === 'message' || kind === 'signal')) ||
        target.kind === 'receiveTask';
      if (!ok) throw unsupported(element.id, `'${target.id}' after an event-based gateway must be a timer, message or signal catch event`);
    }
  },
  activate(tx, ei, element) {
    const model = tx.modelOf(ei);
    for (const flow of element.outgoing) {
      const event = eventOf(elementIn(model, flow.targetId));
      const open = event && eventUnitOf(event).open;
      if (event && open && !open(tx, ei, flow.targetId, event)) return;
    }
  },
};
