import type { Unsupported } from '../../../model/rejection.js';
import type { EventDefinition, EventElement, EventOfKind } from '../../../model/types.js';
import type { ElementInstance, SignalSubscription } from '../../entities.js';
import { evaluateString } from '../../feel.js';
import type { Transition } from '../../transition.js';
import { localVariables } from '../../variables.js';
import type { EventUnit } from './event-unit.js';
import { evaluateForWait, subscribe } from './waiting.js';

type SignalDefinition = EventOfKind<'signal'>;

/**
 * A signal: catching it opens a subscription by name that every broadcast of the name triggers
 * (not only the first, unlike a message); throwing it broadcasts to all of them and to the signal
 * start events of the latest process versions.
 */
export const signalEvent: EventUnit<SignalDefinition> = {
  compile(d, { id, root, unsupported }) {
    const name = d.signalRef ? root.signals.get(d.signalRef.id) : undefined;
    if (!name) throw unsupported(id, 'a signal event needs a signal with a name');
    return { kind: 'signal', signalName: name };
  },
  expressions: ({ signalName }) => [signalName],
  open(tx, owner, eventId, { signalName }) {
    const name = evaluateForWait(tx, owner, (context) => evaluateString(signalName, context, 'signal name'));
    if (name === undefined) return false;
    subscribe(tx, owner, eventId, (common): SignalSubscription => ({ ...common, kind: 'signal', signalName: name }));
    return true;
  },
};

/**
 * A signal throw or end event broadcasts its signal with its local variables (those of its input
 * mappings), as Zeebe does; the broadcast runs once this transition is committed, as Zeebe writes
 * it as a command of its own. False when the name's evaluation raised an incident.
 */
export function throwSignal(tx: Transition, ei: ElementInstance, { signalName }: SignalDefinition): boolean {
  const name = evaluateForWait(tx, ei, (context) => evaluateString(signalName, context, 'signal name'));
  if (name === undefined) return false;
  tx.effects.signals.push({ signalName: name, variables: localVariables(tx.treeOf(ei), ei.key) });
  return true;
}

/**
 * Zeebe rejects two events that wait at one place for the same signal (the start events of a
 * process or of the event subprocesses of a scope, the boundary events of an activity): one
 * broadcast would trigger both.
 */
export function rejectSameSignal(id: string, event: EventDefinition, others: EventElement[], unsupported: Unsupported): void {
  if (event.kind !== 'signal') return;
  const twin = others.find((o) => o.id !== id && o.event.kind === 'signal' && o.event.signalName === event.signalName);
  if (twin) throw unsupported(id, `'${twin.id}' waits for the same signal '${event.signalName}': signal names must be unique here`);
}
