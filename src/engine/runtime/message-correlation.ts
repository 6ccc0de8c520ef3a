import type { MessageStart } from './definitions.js';
import type { BufferedMessage, MessageSubscription, ProcessInstance } from './entities.js';
import type { Transition } from './transition.js';

/**
 * Messages reaching processes: correlation to open subscriptions and message start events, with
 * Zeebe's one-message-per-process rule and the start lock on a correlation key. Changes to the
 * shared message buffer and start locks are logged for the transition's rollback.
 */
export class MessageCorrelation {
  constructor(private readonly tx: Transition) {}

  /** Delivers a message to a subscription: records the correlation and triggers the catching event. */
  correlate(subscription: MessageSubscription, message: BufferedMessage): void {
    const tx = this.tx;
    this.recordCorrelation(message, subscription.bpmnProcessId, subscription.processInstanceKey);
    const tree = tx.treeOfKey(subscription.rootKey);
    const owner = tree.element(subscription.elementInstanceKey);
    tx.events.trigger(owner, subscription.elementId, message.variables);
  }

  /**
   * Starts an instance at a message start event, unless (as in Zeebe) an instance of the process
   * started by a message with the same non-empty correlation key is still active: then the message
   * stays buffered and starts an instance when that one ends.
   */
  startByMessage(start: MessageStart, message: BufferedMessage): ProcessInstance | undefined {
    const { startLocks } = this.tx.ctx;
    const { bpmnProcessId } = start.meta;
    const locking = message.correlationKey !== '';
    if (locking && startLocks.isHeld(bpmnProcessId, message.correlationKey)) return undefined;
    const pi = this.tx.instances.create(start.meta, message.variables, { startEventId: start.elementId });
    this.recordCorrelation(message, bpmnProcessId, pi.key);
    if (locking) {
      pi.startCorrelationKey = message.correlationKey;
      startLocks.acquire(bpmnProcessId, message.correlationKey);
      this.tx.onRollback(() => startLocks.release(bpmnProcessId, message.correlationKey));
    }
    return pi;
  }

  /** A message-started root instance ended: its key is free, and the oldest buffered message waiting for it starts the next. */
  releaseStartLock(pi: ProcessInstance): void {
    const key = pi.startCorrelationKey;
    if (key === null) return;
    const { startLocks, definitions, messages } = this.tx.ctx;
    startLocks.release(pi.bpmnProcessId, key);
    this.tx.onRollback(() => startLocks.acquire(pi.bpmnProcessId, key));
    const starts = definitions.messageStartsOf(pi.bpmnProcessId);
    const names = starts.map((start) => start.messageName);
    const waiting = messages.findStartFor(names, key, pi.bpmnProcessId, this.tx.now);
    const start = waiting && starts.find((s) => s.messageName === waiting.name);
    if (waiting && start) this.startByMessage(start, waiting);
  }

  /** A message reaches each process at most once: here, and in message_correlations across restarts. */
  private recordCorrelation(message: BufferedMessage, bpmnProcessId: string, processInstanceKey: string): void {
    if (!message.correlatedTo.has(bpmnProcessId)) {
      message.correlatedTo.add(bpmnProcessId);
      this.tx.onRollback(() => message.correlatedTo.delete(bpmnProcessId));
    }
    this.tx.changeset.put('message_correlations', `${message.key}#${bpmnProcessId}`, {
      message_key: message.key,
      bpmn_process_id: bpmnProcessId,
      process_instance_key: processInstanceKey,
    });
  }
}
