import { isActivity, loopOf } from '../model/element-lookup.js';
import type { ActivityElement, LoopDefinition } from '../model/types.js';
import type { ElementInstance } from './entities.js';
import { evaluateFeel, FeelError, kindOf } from './feel.js';
import type { Transition } from './transition.js';
import { setLocalVariables } from './variables.js';

/** Multi-instance bodies: one inner instance per input item, in sequence or in parallel, outputs collected by loop counter. */
export class MultiInstance {
  constructor(private readonly tx: Transition) {}

  activateBody(body: ElementInstance, element: ActivityElement, loop: LoopDefinition): void {
    const tx = this.tx;
    const items = tx.incidents.tryEvaluate(body, 'EXTRACT_VALUE_ERROR', 'activate', () => {
      const value = evaluateFeel(loop.inputCollection, tx.context(body));
      if (!Array.isArray(value)) {
        throw new FeelError(`Expected result of the expression '${loop.inputCollection}' to be 'ARRAY', but was '${kindOf(value)}'`);
      }
      return value;
    });
    if (!items) return;
    if (!tx.events.openBoundaries(body, element)) return;
    const tree = tx.treeOf(body);
    if (loop.outputCollection) setLocalVariables(tree, tx.ctx.keys, body, { [loop.outputCollection]: items.map(() => null) });
    body.runtime.loop = { items, next: 0, completed: 0 };
    body.runtime.phase = 'ACTIVATED';
    tree.touch(body);
    if (items.length === 0) return tx.lifecycle.complete(body);
    const first = loop.sequential ? 1 : items.length;
    for (let i = 0; i < first; i++) this.spawnInner(body, element, loop);
  }

  private spawnInner(body: ElementInstance, element: ActivityElement, loop: LoopDefinition): void {
    const tx = this.tx;
    const tree = tx.treeOf(body);
    const state = loopStateOf(body);
    const index = state.next++;
    const inner = tx.lifecycle.newElement(tree, tx.piOf(body), body, element, element.apiType);
    inner.runtime.loopCounter = index + 1;
    const locals: Record<string, unknown> = { loopCounter: index + 1 };
    if (loop.inputElement) locals[loop.inputElement] = state.items[index];
    setLocalVariables(tree, tx.ctx.keys, inner, locals);
    tree.touch(body);
    tx.later(() => tx.lifecycle.runActivation(inner));
  }

  storeLoopOutput(body: ElementInstance, name: string, loopCounter: number, value: unknown): void {
    const tree = this.tx.treeOf(body);
    const current = tree.variables.get(body.key)?.get(name)?.value;
    const list = Array.isArray(current) ? [...current] : [];
    list[loopCounter - 1] = value;
    setLocalVariables(tree, this.tx.ctx.keys, body, { [name]: list });
  }

  innerCompleted(body: ElementInstance, inner: ElementInstance): void {
    const tx = this.tx;
    const element = tx.elementOf(body);
    const loop = loopOf(element);
    if (!loop || !isActivity(element)) throw new Error(`${body.elementId} is no multi-instance activity`);
    const state = loopStateOf(body);
    state.completed += 1;
    tx.treeOf(body).touch(body);
    const condition = loop.completionCondition;
    if (condition) {
      const context = {
        ...tx.context(inner),
        numberOfInstances: state.items.length,
        numberOfCompletedInstances: state.completed,
        numberOfActiveInstances: tx.treeOf(body).childrenOf(body.key).length,
      };
      const done = tx.incidents.tryEvaluate(body, 'EXTRACT_VALUE_ERROR', 'behave', () => evaluateFeel(condition, context) === true);
      if (done === undefined) return;
      if (done) {
        tx.termination.terminateChildren(body);
        return tx.lifecycle.complete(body);
      }
    }
    if (loop.sequential && state.next < state.items.length) return this.spawnInner(body, element, loop);
    if (state.completed >= state.items.length) tx.lifecycle.complete(body);
  }
}

function loopStateOf(body: ElementInstance): NonNullable<ElementInstance['runtime']['loop']> {
  const state = body.runtime.loop;
  if (!state) throw new Error(`multi-instance body ${body.key} has not been activated`);
  return state;
}
