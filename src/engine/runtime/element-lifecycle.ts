import { elementIn, isActivity, loopOf } from '../model/element-lookup.js';
import type { ElementModel } from '../model/types.js';
import { unitOf } from './elements/index.js';
import type { ElementInstance, ProcessInstance } from './entities.js';
import { evaluateFeel } from './feel.js';
import type { Transition } from './transition.js';
import type { InstanceTree } from './tree.js';
import { pathValue, propagateVariables, setLocalVariables } from './variables.js';

/**
 * An element instance's way through Zeebe's lifecycle: activating (input mappings, start listeners,
 * boundary events), activated (the element's own behaviour), completing (output mappings, end
 * listeners), completed; then the token leaves along its sequence flows.
 */
export class ElementLifecycle {
  constructor(private readonly tx: Transition) {}

  newElement(
    tree: InstanceTree,
    pi: ProcessInstance,
    scope: ElementInstance | null,
    element: ElementModel,
    type = element.apiType,
    key = this.tx.ctx.keys.next(),
  ): ElementInstance {
    const ei: ElementInstance = {
      key,
      rootKey: tree.rootKey,
      processInstanceKey: pi.key,
      definitionKey: pi.definitionKey,
      bpmnProcessId: pi.bpmnProcessId,
      elementId: element.id,
      elementName: element.name || element.id,
      type,
      flowScopeKey: scope?.key ?? null,
      state: 'ACTIVE',
      startDate: this.tx.now,
      endDate: null,
      incidentKey: null,
      runtime: { phase: 'ACTIVATING', listenerIndex: 0 },
      tenantId: pi.tenantId,
    };
    tree.addElement(ei);
    return ei;
  }

  activate(
    scope: ElementInstance,
    elementId: string,
    options: { trigger?: Record<string, unknown>; startEventId?: string; localTrigger?: boolean } = {},
  ): ElementInstance {
    const tx = this.tx;
    const tree = tx.treeOf(scope);
    const element = elementIn(tx.modelOf(scope), elementId);
    const ei = this.newElement(tree, tx.piOf(scope), scope, element, loopOf(element) ? 'MULTI_INSTANCE_BODY' : element.apiType);
    ei.runtime.trigger = options.trigger;
    ei.runtime.startEventId = options.startEventId;
    if (options.localTrigger) ei.runtime.localTrigger = true;
    tx.later(() => this.runActivation(ei));
    return ei;
  }

  runActivation(ei: ElementInstance): void {
    if (ei.state !== 'ACTIVE' || ei.runtime.phase !== 'ACTIVATING') return;
    const tx = this.tx;
    const element = tx.elementOf(ei);
    const tree = tx.treeOf(ei);
    const loop = loopOf(element);
    if (ei.type === 'MULTI_INSTANCE_BODY' && loop && isActivity(element)) return tx.multiInstance.activateBody(ei, element, loop);
    if (!ei.runtime.inputsApplied) {
      const values = tx.incidents.tryEvaluate(ei, 'IO_MAPPING_ERROR', 'activate', () =>
        element.inputs.map((m) => [m.target, evaluateFeel(m.source, tx.context(ei))] as const),
      );
      if (!values) return;
      for (const [target, value] of values) setLocalVariables(tree, tx.ctx.keys, ei, pathValue(target, value, ei, tree));
      ei.runtime.inputsApplied = true;
      tree.touch(ei);
    }
    if (ei.runtime.listenerIndex < element.startListeners.length) {
      tx.jobs.createListenerJob(ei, element.startListeners[ei.runtime.listenerIndex], 'START');
      return;
    }
    if (ei.runtime.loopCounter === undefined && !tx.events.openBoundaries(ei, element)) return;
    ei.runtime.phase = 'ACTIVATED';
    tree.touch(ei);
    this.behave(ei, element);
  }

  /** The element's own work once activated: what makes a user task a user task, a gateway a gateway. */
  behave(ei: ElementInstance, element: ElementModel): void {
    unitOf(element).activate(this.tx, ei, element);
  }

  /** Finishes the element's work: result variables, output mappings, end listeners, then leave. */
  complete(ei: ElementInstance, variables?: Record<string, unknown>): void {
    if (ei.state !== 'ACTIVE' || ei.runtime.phase === 'COMPLETING') return;
    ei.runtime.phase = 'COMPLETING';
    ei.runtime.listenerIndex = 0;
    if (variables && Object.keys(variables).length > 0) ei.runtime.pendingVariables = variables;
    this.tx.treeOf(ei).touch(ei);
    this.tx.later(() => this.runCompletion(ei));
  }

  runCompletion(ei: ElementInstance): void {
    if (ei.state !== 'ACTIVE' || ei.runtime.phase !== 'COMPLETING') return;
    const tx = this.tx;
    const tree = tx.treeOf(ei);
    const element = tx.elementOf(ei);
    const loop = loopOf(element);
    if (ei.type === 'MULTI_INSTANCE_BODY') {
      const name = loop?.outputCollection;
      const scope = tx.scopeOf(ei);
      if (name && scope) propagateVariables(tree, tx.ctx.keys, scope, { [name]: tree.variables.get(ei.key)?.get(name)?.value ?? [] });
      return this.finish(ei);
    }
    if (!ei.runtime.outputsApplied) {
      const result = ei.runtime.pendingVariables ?? {};
      if (element.outputs.length > 0 || ei.runtime.localTrigger) setLocalVariables(tree, tx.ctx.keys, ei, result);
      else if (ei.type !== 'PROCESS') propagateVariables(tree, tx.ctx.keys, ei, result);
      delete ei.runtime.pendingVariables;
      const outputs = tx.incidents.tryEvaluate(ei, 'IO_MAPPING_ERROR', 'complete', () => {
        const context = tx.context(ei);
        const mapped = element.outputs.map((m) => [m.target, evaluateFeel(m.source, context)] as const);
        const scope = tx.scopeOf(ei);
        const loopOutput =
          scope?.type === 'MULTI_INSTANCE_BODY' && loop?.outputElement ? evaluateFeel(loop.outputElement, context) : undefined;
        return { mapped, loopOutput };
      });
      if (!outputs) return;
      const scope = tx.scopeOf(ei);
      if (scope) {
        for (const [target, value] of outputs.mapped) propagateVariables(tree, tx.ctx.keys, scope, pathValue(target, value, scope, tree));
        const loopCounter = ei.runtime.loopCounter;
        if (scope.type === 'MULTI_INSTANCE_BODY' && loop?.outputCollection && loopCounter !== undefined) {
          tx.multiInstance.storeLoopOutput(scope, loop.outputCollection, loopCounter, outputs.loopOutput ?? null);
        }
      }
      ei.runtime.outputsApplied = true;
      tree.touch(ei);
    }
    if (ei.runtime.listenerIndex < element.endListeners.length) {
      tx.jobs.createListenerJob(ei, element.endListeners[ei.runtime.listenerIndex], 'END');
      return;
    }
    this.finish(ei);
  }

  private finish(ei: ElementInstance): void {
    const tx = this.tx;
    const tree = tx.treeOf(ei);
    ei.state = 'COMPLETED';
    ei.runtime.phase = 'COMPLETED';
    ei.endDate = tx.now;
    tx.events.closeOwned(ei);
    tree.detach(ei);
    tree.touch(ei);
    if (ei.type === 'PROCESS') return tx.instances.finish(ei);
    tx.flows.leave(ei);
  }
}
