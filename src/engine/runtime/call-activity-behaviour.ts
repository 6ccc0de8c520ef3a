import type { CallActivityElement } from '../model/types.js';
import type { ElementInstance } from './entities.js';
import { evaluateString, FeelError } from './feel.js';
import type { Transition } from './transition.js';
import { localVariables } from './variables.js';

/** Call activities: resolve the called process by id, then start it as a child instance in the caller's tree. */
export class CallActivityBehaviour {
  constructor(private readonly tx: Transition) {}

  callProcess(ei: ElementInstance, { call }: CallActivityElement): void {
    const tx = this.tx;
    const meta = tx.incidents.tryEvaluate(ei, 'CALLED_ELEMENT_ERROR', 'behave', () => {
      const processId = evaluateString(call.processId, tx.context(ei), 'called process id');
      const found = tx.ctx.definitions.latestOf(processId);
      if (!found) throw new FeelError(`Expected process with BPMN process id '${processId}' to be deployed, but not found.`);
      const model = tx.ctx.definitions.model(found.key);
      if (!model.root.noneStartId) throw new FeelError(`Expected process '${processId}' to have a none start event, but it has none.`);
      return found;
    });
    if (!meta) return;
    const tree = tx.treeOf(ei);
    const variables = call.propagateAllParentVariables ? tx.context(ei) : localVariables(tree, ei.key);
    tx.instances.create(meta, variables, { parent: ei });
  }
}
