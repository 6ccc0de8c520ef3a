import type { ElementInstance, EventOwnership, EventSubscription, Subscription } from '../../entities.js';
import type { Transition } from '../../transition.js';

/**
 * What the timer, message and signal units share when a catching event starts to wait: its
 * values evaluated in the owner's scope (a failure is an incident on the owner), and the one
 * ownership every timer and subscription record carries.
 */

/** Evaluates what the wait needs; undefined once a failure raised an incident that retries the owner's step. */
export function evaluateForWait<T>(
  tx: Transition,
  owner: ElementInstance,
  evaluate: (context: Record<string, unknown>) => T,
): T | undefined {
  const retry = owner.runtime.phase === 'ACTIVATING' ? 'activate' : 'behave';
  return tx.incidents.tryEvaluate(owner, 'EXTRACT_VALUE_ERROR', retry, () => evaluate(tx.context(owner)));
}

/** A new record's ownership: `owner` waits on it for the event `eventId`. */
export function ownedBy(tx: Transition, owner: ElementInstance, eventId: string): EventOwnership {
  return {
    key: tx.ctx.keys.next(),
    rootKey: owner.rootKey,
    processInstanceKey: owner.processInstanceKey,
    elementInstanceKey: owner.key,
    elementId: eventId,
  };
}

/** Opens a message or signal subscription owned by `owner` for the event `eventId`; `of` adds what it waits for. */
export function subscribe<S extends Subscription>(
  tx: Transition,
  owner: ElementInstance,
  eventId: string,
  of: (common: EventSubscription) => S,
): S {
  const subscription = of({ ...ownedBy(tx, owner, eventId), bpmnProcessId: owner.bpmnProcessId, state: 'CREATED', createdAt: tx.now });
  const tree = tx.treeOf(owner);
  tree.subscriptions.set(subscription.key, subscription);
  tree.touch(subscription);
  return subscription;
}
