import { elementIn, isActivity, isContainer, loopOf } from '../model/element-lookup.js';
import type { ElementModel, ProcessModel } from '../model/types.js';
import { EngineRejection } from '../errors.js';
import type { DefinitionMeta } from './definitions.js';
import type { ElementInstance, ProcessInstance } from './entities.js';
import { startEventOf } from './event-sub-processes.js';
import type { Transition } from './transition.js';

/** One source → target element mapping of a migration plan. */
export interface MappingInstruction {
  sourceElementId: string;
  targetElementId: string;
}

export interface MigrationPlan {
  target: DefinitionMeta;
  mappingInstructions: MappingInstruction[];
}

/**
 * Moves a process instance onto another process definition, as Zeebe's migration does: every
 * active element instance keeps its key and state and takes the id of the element it is mapped
 * to; its jobs, user tasks, incidents, timers and message subscriptions keep their keys and follow
 * it. A catch event mapped to one in the target keeps its timer or subscription; one left unmapped
 * is closed, and a catch event of the target that nothing maps to is opened. Everything is checked
 * before anything changes, so a rejected plan leaves the instance as it was.
 */
export function migrateInstance(tx: Transition, pi: ProcessInstance, plan: MigrationPlan): void {
  const source = tx.ctx.definitions.model(pi.definitionKey);
  const target = tx.ctx.definitions.model(plan.target.key);
  const mapping = checkedMapping(pi.key, source, target, plan.mappingInstructions);
  const tree = tx.treeOfKey(pi.rootKey);
  const active = [...tree.elements.values()].filter((ei) => ei.processInstanceKey === pi.key && ei.state === 'ACTIVE');
  const targetIdOf = (ei: ElementInstance) => (ei.type === 'PROCESS' ? target.root.id : mapping.get(ei.elementId));
  for (const ei of active) checkElement(tx, pi.key, ei, source, target, targetIdOf);

  const migrated = new Set(active.map((ei) => ei.key));
  pi.definitionKey = plan.target.key;
  pi.bpmnProcessId = plan.target.bpmnProcessId;
  pi.version = plan.target.version;
  tree.touch(pi);
  for (const ei of active) {
    const element = elementIn(target, targetIdOf(ei)!);
    ei.elementId = element.id;
    ei.elementName = element.name || element.id;
    ei.definitionKey = plan.target.key;
    ei.bpmnProcessId = plan.target.bpmnProcessId;
    if (ei.runtime.startEventId) ei.runtime.startEventId = mapping.get(ei.runtime.startEventId) ?? ei.runtime.startEventId;
    tree.touch(ei);
  }
  const owned = <T extends { elementInstanceKey: string | null }>(records: Iterable<T>) =>
    [...records].filter((r) => r.elementInstanceKey !== null && migrated.has(r.elementInstanceKey));
  for (const job of owned(tree.jobs.values())) {
    if (job.endedAt) continue;
    Object.assign(job, followOwner(tree.element(job.elementInstanceKey), plan.target), { version: plan.target.version });
    tree.touch(job);
  }
  for (const task of owned(tree.userTasks.values())) {
    if (task.state !== 'CREATED') continue;
    const owner = tree.element(task.elementInstanceKey);
    Object.assign(task, followOwner(owner, plan.target), {
      version: plan.target.version,
      processName: target.name,
      name: owner.elementName,
    });
    tree.touch(task);
  }
  for (const incident of owned(tree.incidents.values())) {
    if (incident.state !== 'ACTIVE') continue;
    Object.assign(incident, followOwner(tree.element(incident.elementInstanceKey), plan.target));
    tree.touch(incident);
  }
  const kept = new Set<string>();
  for (const timer of owned(tree.timers.values())) {
    if (timer.state !== 'ACTIVE') continue;
    const mappedTo = mapping.get(timer.elementId);
    if (mappedTo) {
      timer.elementId = mappedTo;
      timer.definitionKey = plan.target.key;
      kept.add(`${timer.elementInstanceKey}/${mappedTo}`);
    } else timer.state = 'CANCELED';
    tree.touch(timer);
  }
  for (const subscription of owned(tree.subscriptions.values())) {
    if (subscription.state !== 'CREATED') continue;
    const mappedTo = mapping.get(subscription.elementId);
    if (mappedTo) {
      subscription.elementId = mappedTo;
      subscription.bpmnProcessId = plan.target.bpmnProcessId;
      kept.add(`${subscription.elementInstanceKey}/${mappedTo}`);
    } else subscription.state = 'DELETED';
    tree.touch(subscription);
  }
  for (const ei of active) {
    for (const event of catchEventsOf(target, elementIn(target, ei.elementId))) {
      if (!kept.has(`${ei.key}/${event.id}`)) tx.events.open(ei, event);
    }
  }
}

function followOwner(owner: ElementInstance, target: DefinitionMeta) {
  return { elementId: owner.elementId, definitionKey: target.key, bpmnProcessId: target.bpmnProcessId };
}

/** The events an active instance of an element waits on besides itself: its boundary events, or its event subprocesses' starts. */
function catchEventsOf(model: ProcessModel, element: ElementModel): ElementModel[] {
  if (isContainer(element)) return element.eventSubProcessIds.map((id) => startEventOf(model, id));
  if (isActivity(element)) return element.boundaryIds.map((id) => elementIn(model, id));
  return [];
}

function checkedMapping(key: string, source: ProcessModel, target: ProcessModel, instructions: MappingInstruction[]): Map<string, string> {
  const mapping = new Map<string, string>();
  for (const { sourceElementId, targetElementId } of instructions) {
    if (!source.elements.has(sourceElementId)) {
      throw EngineRejection.invalidArgument(
        `Expected to migrate process instance '${key}' but mapping instructions contain a non-existing source element id '${sourceElementId}'. Elements provided in mapping instructions must exist in the source process definition.`,
      );
    }
    if (!target.elements.has(targetElementId)) {
      throw EngineRejection.invalidArgument(
        `Expected to migrate process instance '${key}' but mapping instructions contain a non-existing target element id '${targetElementId}'. Elements provided in mapping instructions must exist in the target process definition.`,
      );
    }
    if (mapping.has(sourceElementId)) {
      throw EngineRejection.invalidArgument(
        `Expected to migrate process instance '${key}' but the mapping instructions contain duplicate source element ids '${sourceElementId}'.`,
      );
    }
    mapping.set(sourceElementId, targetElementId);
  }
  return mapping;
}

function checkElement(
  tx: Transition,
  key: string,
  ei: ElementInstance,
  source: ProcessModel,
  target: ProcessModel,
  targetIdOf: (ei: ElementInstance) => string | undefined,
): void {
  const targetId = targetIdOf(ei);
  if (targetId === undefined) {
    throw EngineRejection.invalidArgument(
      `Expected to migrate process instance '${key}' but no mapping instruction defined for active element with id '${ei.elementId}'. Elements cannot be migrated without a mapping.`,
    );
  }
  const from = elementIn(source, ei.elementId);
  const to = elementIn(target, targetId);
  const scope = tx.scopeOf(ei);
  // A multi-instance body and a plain instance compare with the target's loop; an inner instance of a body with the element itself.
  const inner = scope?.type === 'MULTI_INSTANCE_BODY' && ei.type !== 'MULTI_INSTANCE_BODY';
  const targetType = !inner && loopOf(to) ? 'MULTI_INSTANCE_BODY' : to.apiType;
  if (from.kind !== to.kind || ei.type !== targetType) {
    throw EngineRejection.invalidArgument(
      `Expected to migrate process instance '${key}' but active element with id '${ei.elementId}' and type '${ei.type}' is mapped to an element with id '${targetId}' and different type '${targetType}'. Elements must be mapped to elements of the same type.`,
    );
  }
  if (scope && scope.processInstanceKey === ei.processInstanceKey) {
    const expected = scope.type === 'MULTI_INSTANCE_BODY' ? to.id : to.scopeId;
    const actual = targetIdOf(scope);
    if (actual !== undefined && expected !== actual) {
      throw EngineRejection.invalidArgument(
        `Expected to migrate process instance '${key}' but the flow scope of active element with id '${ei.elementId}' is changed. The flow scope of the active element is expected to be '${expected}' but was '${actual}'. The flow scope of an active element cannot be changed during migration.`,
      );
    }
  }
  const waiting = Object.keys(ei.runtime.arrivals ?? {});
  if (waiting.length > 0) {
    throw EngineRejection.invalidArgument(
      `Expected to migrate process instance '${key}' but active element with id '${ei.elementId}' has tokens waiting at the joining gateway(s) '${waiting.join("', '")}'. Instances waiting at a joining gateway cannot be migrated.`,
    );
  }
}
