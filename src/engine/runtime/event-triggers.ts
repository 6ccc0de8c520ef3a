import type { ElementModel } from '../model/types.js';
import type { ElementInstance, MessageSubscription, Timer } from './entities.js';
import { isEventSubProcessStart, startEventOf } from './event-sub-processes.js';
import { evaluateString } from './feel.js';
import { nextCycleDue, scheduleTimer } from './timer-schedule.js';
import type { Transition } from './transition.js';

/**
 * Catching events: the timers and message subscriptions an element instance owns (its own catch
 * event, boundary events, event subprocess starts), and what happens when one of them triggers.
 */
export class EventTriggers {
  constructor(private readonly tx: Transition) {}

  openBoundaries(ei: ElementInstance, element: ElementModel): boolean {
    const model = this.tx.modelOf(ei);
    for (const id of element.boundaryIds) {
      const boundary = model.elements.get(id)!;
      if (boundary.event?.kind === 'timer' && !this.openTimer(ei, boundary)) return false;
      if (boundary.event?.kind === 'message' && !this.openSubscription(ei, boundary)) return false;
    }
    return true;
  }

  openEventSubProcessStarts(container: ElementInstance, element: ElementModel): boolean {
    const model = this.tx.modelOf(container);
    for (const espId of element.eventSubProcessIds) {
      const start = startEventOf(model, espId);
      if (start.event?.kind === 'timer' && !this.openTimer(container, start)) return false;
      if (start.event?.kind === 'message' && !this.openSubscription(container, start)) return false;
    }
    return true;
  }

  /** Opens a timer owned by `owner`; on a bad timer expression raises an incident and answers false. */
  openTimer(owner: ElementInstance, event: ElementModel): boolean {
    const tx = this.tx;
    const retry = owner.runtime.phase === 'ACTIVATING' ? 'activate' : 'behave';
    const schedule = tx.incidents.tryEvaluate(owner, 'EXTRACT_VALUE_ERROR', retry, () =>
      scheduleTimer(event.event!.timer!, tx.context(owner), tx.now),
    );
    if (!schedule) return false;
    const tree = tx.treeOf(owner);
    const timer: Timer = {
      key: tx.ctx.keys.next(),
      rootKey: tree.rootKey,
      processInstanceKey: owner.processInstanceKey,
      elementInstanceKey: owner.key,
      definitionKey: owner.definitionKey,
      elementId: event.id,
      dueDate: schedule.dueDate,
      repetitions: schedule.repetitions,
      spec: schedule.spec,
      state: 'ACTIVE',
    };
    tree.timers.set(timer.key, timer);
    tree.touch(timer);
    tx.timerCreated(timer);
    return true;
  }

  openSubscription(owner: ElementInstance, event: ElementModel): boolean {
    const tx = this.tx;
    const retry = owner.runtime.phase === 'ACTIVATING' ? 'activate' : 'behave';
    const message = event.event!.message!;
    const evaluated = tx.incidents.tryEvaluate(owner, 'EXTRACT_VALUE_ERROR', retry, () => {
      const context = tx.context(owner);
      return {
        name: evaluateString(message.name, context, 'message name'),
        correlationKey: evaluateString(message.correlationKey ?? '', context, 'correlation key'),
      };
    });
    if (!evaluated) return false;
    const tree = tx.treeOf(owner);
    const subscription: MessageSubscription = {
      key: tx.ctx.keys.next(),
      rootKey: tree.rootKey,
      processInstanceKey: owner.processInstanceKey,
      elementInstanceKey: owner.key,
      elementId: event.id,
      bpmnProcessId: owner.bpmnProcessId,
      messageName: evaluated.name,
      correlationKey: evaluated.correlationKey,
      state: 'CREATED',
      createdAt: tx.now,
    };
    tree.subscriptions.set(subscription.key, subscription);
    tree.touch(subscription);
    tx.later(() => {
      if (subscription.state !== 'CREATED') return;
      const buffered = tx.ctx.messages.findFor(subscription.messageName, subscription.correlationKey, subscription.bpmnProcessId, tx.now);
      if (buffered) tx.correlation.correlate(subscription, buffered);
    });
    return true;
  }

  fireTimer(timer: Timer): void {
    const tx = this.tx;
    const tree = tx.treeOfKey(timer.rootKey!);
    const owner = tree.elements.get(timer.elementInstanceKey!);
    timer.state = 'TRIGGERED';
    tree.touch(timer);
    if (!owner || owner.state !== 'ACTIVE') return;
    const event = tx.modelOf(owner).elements.get(timer.elementId)!;
    const repeats = timer.repetitions !== 0 && !event.interrupting && owner.elementId !== timer.elementId;
    this.trigger(owner, timer.elementId, {});
    if (repeats && owner.state === 'ACTIVE') {
      const next: Timer = {
        ...timer,
        key: tx.ctx.keys.next(),
        dueDate: nextCycleDue(timer.spec, tx.now),
        repetitions: timer.repetitions < 0 ? -1 : timer.repetitions - 1,
        state: 'ACTIVE',
      };
      tree.timers.set(next.key, next);
      tree.touch(next);
      tx.timerCreated(next);
    }
  }

  /** An event owned by `owner` happened: a catch event completes, a boundary or event subprocess starts. */
  trigger(owner: ElementInstance, eventId: string, variables: Record<string, unknown>): void {
    const tx = this.tx;
    const tree = tx.treeOf(owner);
    const model = tx.modelOf(owner);
    const event = model.elements.get(eventId)!;
    const subscriptionEnded = (s: MessageSubscription) =>
      s.elementInstanceKey === owner.key && s.elementId === eventId && s.state === 'CREATED';
    for (const s of tree.subscriptions.values()) {
      if (subscriptionEnded(s) && (event.interrupting || owner.elementId === eventId || owner.type === 'EVENT_BASED_GATEWAY')) {
        s.state = 'CORRELATED';
        tree.touch(s);
      }
    }
    if (owner.elementId === eventId) {
      this.closeOwned(owner);
      tx.lifecycle.complete(owner, variables);
      return;
    }
    if (owner.type === 'EVENT_BASED_GATEWAY') {
      this.closeOwned(owner);
      owner.runtime.takenFlows = [tx.elementOf(owner).outgoing.find((f) => f.targetId === eventId)!.id];
      owner.runtime.trigger = variables;
      tree.touch(owner);
      tx.lifecycle.complete(owner);
      return;
    }
    if (event.kind === 'boundaryEvent') {
      const scope = tx.scopeOf(owner)!;
      if (event.interrupting) tx.termination.terminate(owner);
      tx.lifecycle.activate(scope, eventId, { trigger: variables });
      return;
    }
    const esp = model.elements.get(event.scopeId!)!;
    if (event.interrupting) {
      tx.termination.terminateChildren(owner);
      for (const t of tree.timers.values())
        if (t.elementInstanceKey === owner.key && isEventSubProcessStart(model, t.elementId)) this.cancelTimer(t);
      for (const s of tree.subscriptions.values()) {
        if (s.elementInstanceKey === owner.key && s.state === 'CREATED' && isEventSubProcessStart(model, s.elementId)) {
          s.state = 'DELETED';
          tree.touch(s);
        }
      }
    }
    tx.lifecycle.activate(owner, esp.id, { trigger: variables, startEventId: eventId });
  }

  /** Cancels the timers and deletes the subscriptions an element instance owns. */
  closeOwned(ei: ElementInstance): void {
    const tree = this.tx.treeOf(ei);
    for (const t of tree.timers.values()) if (t.elementInstanceKey === ei.key && t.state === 'ACTIVE') this.cancelTimer(t);
    for (const s of tree.subscriptions.values()) {
      if (s.elementInstanceKey === ei.key && s.state === 'CREATED') {
        s.state = 'DELETED';
        tree.touch(s);
      }
    }
  }

  private cancelTimer(timer: Timer): void {
    // A cancelled timer needs no wake: the loop finds nothing due when it wakes for it.
    timer.state = 'CANCELED';
    this.tx.treeOfKey(timer.rootKey!).touch(timer);
  }
}
