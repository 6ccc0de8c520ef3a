import type { DefinitionMeta } from './definitions.js';
import type { ElementInstance, ProcessInstance } from './entities.js';
import type { Transition } from './transition.js';
import { InstanceTree } from './tree.js';
import { localVariables, setLocalVariables } from './variables.js';

/** Process instances begin and end: a root gets a tree of its own, a called one reports back to its call activity. */
export class ProcessInstances {
  constructor(private readonly tx: Transition) {}

  /** Creates a process instance; a new root gets a tree of its own, a called one joins its parent's. */
  create(
    meta: DefinitionMeta,
    variables: Record<string, unknown>,
    options: { startEventId?: string; trigger?: Record<string, unknown>; parent?: ElementInstance } = {},
  ): ProcessInstance {
    const tx = this.tx;
    const key = tx.ctx.keys.next();
    const tree = options.parent ? tx.treeOf(options.parent) : tx.use(new InstanceTree(key));
    const model = tx.ctx.definitions.model(meta.key);
    const pi: ProcessInstance = {
      key,
      rootKey: tree.rootKey,
      definitionKey: meta.key,
      bpmnProcessId: meta.bpmnProcessId,
      version: meta.version,
      state: 'ACTIVE',
      startDate: tx.now,
      endDate: null,
      parentProcessInstanceKey: options.parent?.processInstanceKey ?? null,
      parentElementInstanceKey: options.parent?.key ?? null,
      hasIncident: false,
      tenantId: meta.tenantId,
      startCorrelationKey: null,
    };
    tree.addProcessInstance(pi);
    const root = tx.lifecycle.newElement(tree, pi, null, model.root, 'PROCESS', key);
    root.runtime.startEventId = options.startEventId;
    root.runtime.trigger = options.trigger;
    setLocalVariables(tree, tx.ctx.keys, root, variables);
    tx.later(() => tx.lifecycle.runActivation(root));
    return pi;
  }

  cancel(tree: InstanceTree, pi: ProcessInstance): void {
    this.tx.termination.terminate(tree.element(pi.key));
  }

  /** The process's root scope completed: a root instance ends, a called one completes its call activity. */
  finish(root: ElementInstance): void {
    const tx = this.tx;
    const tree = tx.treeOf(root);
    const pi = tx.piOf(root);
    pi.state = 'COMPLETED';
    pi.endDate = tx.now;
    pi.hasIncident = false;
    tree.touch(pi);
    const variables = localVariables(tree, root.key);
    if (!pi.parentElementInstanceKey) {
      tx.effects.endedInstances.set(pi.key, { completed: true, variables });
      tx.correlation.releaseStartLock(pi);
      return;
    }
    const callActivity = tree.element(pi.parentElementInstanceKey);
    const call = tx.elementOf(callActivity);
    const propagate = (call.kind === 'callActivity' && call.call.propagateAllChildVariables) || call.outputs.length > 0;
    tx.lifecycle.complete(callActivity, propagate ? variables : undefined);
  }
}
