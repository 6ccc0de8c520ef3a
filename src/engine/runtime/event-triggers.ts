import { elementIn, eventOf, interrupts, isActivity } from '../model/element-lookup.js';
import type { ContainerElement, ElementModel } from '../model/types.js';
import { eventUnitOf } from './elements/events/index.js';
import type { ElementInstance, Subscription, Timer } from './entities.js';
import { isEventSubProcessStart, startEventOf } from './event-sub-processes.js';
import { nextCycleDue } from './timer-schedule.js';
import type { Transition } from './transition.js';
import type { InstanceTree } from './tree.js';

/**
 * Catching events: the timers and message and signal subscriptions an element instance owns (its own catch
 * event, boundary events, event subprocess starts), and what happens when one of them triggers.
 */
export class EventTriggers {
  constructor(private readonly tx: Transition) {}

  openBoundaries(ei: ElementInstance, element: ElementModel): boolean {
    if (!isActivity(element)) return true;
    const model = this.tx.modelOf(ei);
    return element.boundaryIds.every((id) => this.open(ei, elementIn(model, id)));
  }

  openEventSubProcessStarts(container: ElementInstance, element: ContainerElement): boolean {
    const model = this.tx.modelOf(container);
    return element.eventSubProcessIds.every((espId) => this.open(container, startEventOf(model, espId)));
  }

  /** Opens the timer or subscription `owner` waits on for an event; false when that raised an incident. */
  open(owner: ElementInstance, event: ElementModel): boolean {
    const definition = eventOf(event);
    const open = definition && eventUnitOf(definition).open;
    return !definition || !open || open(this.tx, owner, event.id, definition);
  }

  fireTimer(timer: Timer): void {
    const tx = this.tx;
    if (timer.rootKey === null || timer.elementInstanceKey === null) throw new Error(`timer ${timer.key} starts a process`);
    const tree = tx.treeOfKey(timer.rootKey);
    const owner = tree.elements.get(timer.elementInstanceKey);
    timer.state = 'TRIGGERED';
    tree.touch(timer);
    if (!owner || owner.state !== 'ACTIVE') return;
    const event = elementIn(tx.modelOf(owner), timer.elementId);
    const repeats = timer.repetitions !== 0 && !interrupts(event) && owner.elementId !== timer.elementId;
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
    const event = elementIn(model, eventId);
    const interrupting = interrupts(event);
    const subscriptionEnded = (s: Subscription) => s.elementInstanceKey === owner.key && s.elementId === eventId && s.state === 'CREATED';
    for (const s of tree.subscriptions.values()) {
      if (subscriptionEnded(s) && (interrupting || owner.elementId === eventId || owner.type === 'EVENT_BASED_GATEWAY')) {
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
      owner.runtime.takenFlows = tx
        .elementOf(owner)
        .outgoing.filter((f) => f.targetId === eventId)
        .map((f) => f.id);
      owner.runtime.trigger = variables;
      tree.touch(owner);
      tx.lifecycle.complete(owner);
      return;
    }
    const scope = tx.scopeOf(owner);
    if (event.kind === 'boundaryEvent' && scope) {
      if (interrupting) tx.termination.terminate(owner);
      tx.lifecycle.activate(scope, eventId, { trigger: variables });
      return;
    }
    if (event.kind !== 'startEvent' || event.scopeId === null) throw new Error(`${eventId} is no event ${owner.elementId} waits on`);
    if (interrupting) {
      tx.termination.terminateChildren(owner);
      for (const t of tree.timers.values())
        if (t.elementInstanceKey === owner.key && isEventSubProcessStart(model, t.elementId)) this.cancelTimer(tree, t);
      for (const s of tree.subscriptions.values()) {
        if (s.elementInstanceKey === owner.key && s.state === 'CREATED' && isEventSubProcessStart(model, s.elementId)) {
          s.state = 'DELETED';
          tree.touch(s);
        }
      }
    }
    tx.lifecycle.activate(owner, event.scopeId, { trigger: variables, startEventId: eventId });
  }

  /** Cancels the timers and deletes the subscriptions an element instance owns. */
  closeOwned(ei: ElementInstance): void {
    const tree = this.tx.treeOf(ei);
    for (const t of tree.timers.values()) if (t.elementInstanceKey === ei.key && t.state === 'ACTIVE') this.cancelTimer(tree, t);
    for (const s of tree.subscriptions.values()) {
      if (s.elementInstanceKey === ei.key && s.state === 'CREATED') {
        s.state = 'DELETED';
        tree.touch(s);
      }
    }
  }

  private cancelTimer(tree: InstanceTree, timer: Timer): void {
    // A cancelled timer needs no wake: the loop finds nothing due when it wakes for it.
    timer.state = 'CANCELED';
    tree.touch(timer);
  }
}
