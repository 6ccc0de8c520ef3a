import type { EngineParts } from '../engine-parts.js';
import { EngineRejection } from '../errors.js';
import { propagateVariables, setLocalVariables } from '../runtime/variables.js';

/** Operators' commands on an active element instance's scope: setting its variables. */
export class ElementInstanceHandler {
  constructor(private readonly parts: EngineParts) {}

  /**
   * As Zeebe: `local` writes every variable into the element instance's own scope; otherwise each
   * is set where it is already held, nearest first, and a new one in the process instance's scope.
   * An incident resolved afterwards retries its step with these values.
   */
  async setVariables(elementInstanceKey: string, variables: Record<string, unknown>, local: boolean): Promise<void> {
    const { runner } = this.parts;
    const notFound = () =>
      EngineRejection.notFound(
        `Command rejected: Expected to update variables for element with key '${elementInstanceKey}', but no such element was found`,
      );
    // An element of an ended instance is no more found than one that never was.
    const unlessNotFound = (error: unknown): never => {
      throw error instanceof EngineRejection && error.status === 404 ? notFound() : error;
    };
    const rootKey = await runner.rootOf('element_instances', elementInstanceKey, 'element instance').catch(unlessNotFound);
    await runner
      .run([rootKey], (tx) => {
        const tree = tx.treeOfKey(rootKey);
        const ei = tree.elements.get(elementInstanceKey);
        if (!ei || ei.state !== 'ACTIVE') throw notFound();
        if (local) setLocalVariables(tree, tx.ctx.keys, ei, variables);
        else propagateVariables(tree, tx.ctx.keys, ei, variables);
      })
      .catch(unlessNotFound);
  }
}
