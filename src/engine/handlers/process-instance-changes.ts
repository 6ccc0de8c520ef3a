import type { EngineParts } from '../engine-parts.js';
import { EngineRejection } from '../errors.js';
import type { ProcessInstance } from '../runtime/entities.js';
import { type MappingInstruction, migrateInstance } from '../runtime/instance-migration.js';
import { type ModificationInstructions, modifyInstance } from '../runtime/instance-modification.js';
import type { Transition } from '../runtime/transition.js';

/** Operators' changes to a running process instance: migrating it to another process definition, modifying its tokens. */
export class ProcessInstanceChangeHandler {
  constructor(private readonly parts: EngineParts) {}

  async migrate(
    processInstanceKey: string,
    plan: { targetProcessDefinitionKey: string; mappingInstructions: MappingInstruction[] },
  ): Promise<void> {
    const { definitions } = this.parts;
    const target = definitions.byKey.get(plan.targetProcessDefinitionKey);
    if (!target) {
      throw EngineRejection.notFound(
        `Expected to migrate process instance to process definition but no process definition found with key '${plan.targetProcessDefinitionKey}'`,
      );
    }
    await definitions.ensureModel(target.key);
    await this.onActive(processInstanceKey, 'migrate', (tx, pi) => {
      if (pi.parentProcessInstanceKey) {
        throw EngineRejection.invalidState(
          `Expected to migrate process instance '${pi.key}' but process instance is a child process instance. Child process instances cannot be migrated.`,
        );
      }
      migrateInstance(tx, pi, { target, mappingInstructions: plan.mappingInstructions });
    });
  }

  async modify(processInstanceKey: string, instructions: ModificationInstructions): Promise<void> {
    await this.onActive(processInstanceKey, 'modify', (tx, pi) => modifyInstance(tx, pi, instructions));
  }

  private async onActive(key: string, verb: string, change: (tx: Transition, pi: ProcessInstance) => void): Promise<void> {
    const { runner } = this.parts;
    const notFound = () => EngineRejection.notFound(`Expected to ${verb} process instance but no process instance found with key '${key}'`);
    const rootKey = await runner.rootOf('process_instances', key, 'process instance').catch((error: unknown) => {
      throw error instanceof EngineRejection && error.status === 404 ? notFound() : error;
    });
    await runner.run(
      [rootKey],
      (tx) => {
        const pi = tx.touchedTrees[0]?.processInstances.get(key);
        if (!pi || pi.state !== 'ACTIVE') throw notFound();
        change(tx, pi);
      },
      { tolerateMissing: true },
    );
  }
}
