import type { CreatedInstance, CreateInstanceRequest } from '../commands.js';
import type { EngineParts } from '../engine-parts.js';
import { EngineRejection } from '../errors.js';
import type { ProcessModel } from '../model/types.js';
import type { DefinitionMeta } from '../runtime/definitions.js';
import { pathBelow, whyNotActivatable } from '../runtime/element-activation.js';
import type { ActivationPath } from '../runtime/entities.js';
import type { Effects } from '../runtime/transition.js';

type Ended = { completed: boolean; variables: Record<string, unknown> };

/** Creates process instances (optionally awaiting their completion) and cancels them. */
export class ProcessInstanceHandler {
  private readonly completionWaiters = new Map<string, Array<(ended: Ended) => void>>();

  constructor(private readonly parts: EngineParts) {}

  async create(request: CreateInstanceRequest): Promise<CreatedInstance> {
    const meta = this.resolveDefinition(request);
    const model = await this.parts.definitions.ensureModel(meta.key);
    const startAt = startPaths(model, request.startInstructions ?? []);
    if (!startAt && !model.root.noneStartId) {
      throw EngineRejection.invalidArgument(
        `Expected to create instance of process with none start event, but there is no such event (process '${meta.bpmnProcessId}')`,
      );
    }
    let waiter: Promise<Ended> | undefined;
    const pi = await this.parts.runner.run([], (tx) => {
      const created = tx.instances.create(meta, request.variables);
      if (startAt) tx.treeOfKey(created.rootKey).element(created.key).runtime.startAt = startAt;
      if (request.awaitCompletion) waiter = this.waitForEnd(created.key);
      return created;
    });
    const base = {
      processDefinitionId: meta.bpmnProcessId,
      processDefinitionVersion: meta.version,
      processDefinitionKey: meta.key,
      processInstanceKey: pi.key,
    };
    if (!request.awaitCompletion || !waiter) return { ...base, variables: request.variables };
    const timeout = request.requestTimeout > 0 ? request.requestTimeout : 60_000;
    const ended = await withTimeout(waiter, timeout, () => {
      this.completionWaiters.delete(pi.key);
      return new EngineRejection(
        504,
        'DEADLINE_EXCEEDED',
        `Expected the process instance '${pi.key}' to complete within ${timeout} ms, but it did not`,
      );
    });
    if (!ended.completed) {
      throw EngineRejection.invalidState(`Expected the process instance '${pi.key}' to complete, but it was terminated`);
    }
    const fetch = request.fetchVariables;
    const variables = fetch?.length
      ? Object.fromEntries(Object.entries(ended.variables).filter(([k]) => fetch.includes(k)))
      : ended.variables;
    return { ...base, variables };
  }

  async cancel(processInstanceKey: string): Promise<void> {
    const { runner } = this.parts;
    const rootKey = await runner.rootOf('process_instances', processInstanceKey, 'process instance');
    await runner.run([rootKey], (tx) => {
      const tree = tx.treeOfKey(rootKey);
      const pi = tree.processInstances.get(processInstanceKey);
      if (!pi) {
        throw EngineRejection.notFound(
          `Expected to cancel a process instance with key '${processInstanceKey}', but no such process was found`,
        );
      }
      if (pi.parentProcessInstanceKey) {
        throw EngineRejection.invalidState(
          `Expected to cancel a process instance with key '${processInstanceKey}', but it is created by a parent process instance. Cancel the root process instance '${rootKey}' instead.`,
        );
      }
      tx.instances.cancel(tree, pi);
    });
  }

  /** Answers the awaitCompletion callers of root instances that have just ended. */
  ended(instances: Effects['endedInstances']): void {
    for (const [key, ended] of instances) {
      const waiters = this.completionWaiters.get(key);
      if (!waiters) continue;
      this.completionWaiters.delete(key);
      for (const resolve of waiters) resolve(ended);
    }
  }

  private resolveDefinition(request: CreateInstanceRequest): DefinitionMeta {
    const { definitions } = this.parts;
    if (request.processDefinitionKey) {
      const meta = definitions.byKey.get(request.processDefinitionKey);
      if (!meta) {
        throw EngineRejection.notFound(`Expected to find process definition with key '${request.processDefinitionKey}', but none found`);
      }
      return meta;
    }
    const id = request.processDefinitionId ?? '';
    const version = request.processDefinitionVersion;
    if (version === undefined || version < 0) {
      const latest = definitions.latestOf(id);
      if (!latest) throw EngineRejection.notFound(`Expected to find process definition with process ID '${id}', but none found`);
      return latest;
    }
    for (const meta of definitions.byKey.values()) if (meta.bpmnProcessId === id && meta.version === version) return meta;
    throw EngineRejection.notFound(`Expected to find process definition with process ID '${id}' and version '${version}', but none found`);
  }

  private waitForEnd(processInstanceKey: string): Promise<Ended> {
    return new Promise((resolve) => {
      const list = this.completionWaiters.get(processInstanceKey) ?? [];
      list.push(resolve);
      this.completionWaiters.set(processInstanceKey, list);
    });
  }
}

/** The start instructions as activation paths below the process, or undefined for none; an element that cannot be started at is rejected. */
function startPaths(model: ProcessModel, elementIds: string[]): ActivationPath[] | undefined {
  if (elementIds.length === 0) return undefined;
  return elementIds.map((elementId) => {
    const why = whyNotActivatable(model, elementId);
    if (why) {
      throw EngineRejection.invalidArgument(
        `Expected to create instance of process with start instructions but the element with id '${elementId}' is ${why}`,
      );
    }
    return { path: pathBelow(model, model.root.id, elementId) ?? [elementId], variables: {} };
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
