import type { Unsupported } from '../../../model/rejection.js';
import type { EventDefinition, EventOfKind } from '../../../model/types.js';
import type { MessageSubscription } from '../../entities.js';
import { evaluateString } from '../../feel.js';
import type { EventUnit } from './event-unit.js';
import { evaluateForWait, subscribe } from './waiting.js';

/** A message: catching it opens a subscription by name and correlation key, met by a buffered or a later message. */
export const messageEvent: EventUnit<EventOfKind<'message'>> = {
  compile(d, { id, root, unsupported }) {
    const message = d.messageRef ? root.messages.get(d.messageRef.id) : undefined;
    if (!message?.name) throw unsupported(id, 'a message event needs a message with a name');
    return { kind: 'message', message: { name: message.name, correlationKey: message.correlationKey } };
  },
  expressions: ({ message }) => [message.name, ...(message.correlationKey === undefined ? [] : [message.correlationKey])],
  open(tx, owner, eventId, { message }) {
    const evaluated = evaluateForWait(tx, owner, (context) => ({
      name: evaluateString(message.name, context, 'message name'),
      correlationKey: evaluateString(message.correlationKey ?? '', context, 'correlation key'),
    }));
    if (!evaluated) return false;
    const subscription = subscribe(tx, owner, eventId, (common): MessageSubscription => ({
      ...common,
      kind: 'message',
      messageName: evaluated.name,
      correlationKey: evaluated.correlationKey,
    }));
    tx.later(() => {
      if (subscription.state !== 'CREATED') return;
      const buffered = tx.ctx.messages.findFor(subscription.messageName, subscription.correlationKey, subscription.bpmnProcessId, tx.now);
      if (buffered) tx.correlation.correlate(subscription, buffered);
    });
    return true;
  },
};

/** A catching message event (other than a process's message start) needs a correlation key to subscribe with. */
export function requireCorrelationKey(id: string, event: EventDefinition, unsupported: Unsupported): void {
  if (event.kind === 'message' && !event.message.correlationKey) {
    throw unsupported(id, 'the message needs a zeebe:subscription correlationKey');
  }
}
