import type { ProcessModel } from '../model/types.js';
import { EngineRejection } from '../errors.js';
import { activateAlong, pathBelow, whyNotActivatable } from './element-activation.js';
import type { ElementInstance, ProcessInstance } from './entities.js';
import type { Transition } from './transition.js';
import type { InstanceTree } from './tree.js';
import { setLocalVariables } from './variables.js';

export interface VariableInstruction {
  variables: Record<string, unknown>;
  /** The element in whose scope the variables are created; absent: the process instance's. */
  scopeId?: string;
}

export interface ActivateInstruction {
  elementId: string;
  variableInstructions: VariableInstruction[];
  /** The flow scope instance to activate in; absent (or -1): the one active instance of the element's flow scope. */
  ancestorElementInstanceKey?: string;
}

/** Where a moved token's new element instance is created: a given ancestor, the source's parent, or an ancestor of the source that is a flow scope of the target. */
export type AncestorScope = { type: 'direct'; ancestorElementInstanceKey?: string } | { type: 'inferred' } | { type: 'sourceParent' };

export interface MoveInstruction {
  source: { sourceElementId: string } | { sourceElementInstanceKey: string };
  targetElementId: string;
  ancestor: AncestorScope;
  variableInstructions: VariableInstruction[];
}

export type TerminateInstruction = { elementInstanceKey: string } | { elementId: string };

export interface ModificationInstructions {
  activateInstructions: ActivateInstruction[];
  moveInstructions: MoveInstruction[];
  terminateInstructions: TerminateInstruction[];
}

/**
 * Modifies a process instance as Zeebe does: activates elements (creating the flow scopes they
 * need), moves tokens (terminates the source instances, activates the target once for each),
 * then terminates element instances; a flow scope left with no active element is terminated with
 * them, the process instance included. Every instruction is checked before anything changes.
 */
export function modifyInstance(tx: Transition, pi: ProcessInstance, instructions: ModificationInstructions): void {
  const tree = tx.treeOfKey(pi.rootKey);
  const model = tx.ctx.definitions.model(pi.definitionKey);
  const reject = (what: string) =>
    EngineRejection.invalidArgument(`Expected to modify instance of process '${pi.bpmnProcessId}' but it ${what}`);
  const activeOf = (ei: ElementInstance | undefined) => (ei && ei.state === 'ACTIVE' && ei.processInstanceKey === pi.key ? ei : undefined);
  const instancesOf = (elementId: string) =>
    [...tree.elements.values()].filter((ei) => activeOf(ei) && ei.elementId === elementId && ei.type !== 'PROCESS');

  const toTerminate: ElementInstance[] = [];
  const activations: Array<{ scope: ElementInstance; path: string[]; variables: VariableInstruction[] }> = [];
  const plan = (elementId: string, ancestorKey: string | undefined, variables: VariableInstruction[]) => {
    const why = whyNotActivatable(model, elementId);
    if (why) {
      throw reject(`contains one or more activate instructions for an element that cannot be activated: '${elementId}' is ${why}`);
    }
    const scope = ancestorKey === undefined ? onlyScope(tree, model, pi, elementId, reject) : given(ancestorKey);
    const path = pathBelow(model, scope.elementId, elementId);
    if (!path) {
      throw reject(
        `contains one or more activate instructions with an ancestor scope key that is not an ancestor of the element to activate: '${scope.key}' is not an ancestor of '${elementId}'`,
      );
    }
    for (const v of variables) {
      if (v.scopeId !== undefined && !model.elements.has(v.scopeId)) {
        throw reject(`contains one or more variable instructions with a scope element id that could not be found: '${v.scopeId}'`);
      }
      if (v.scopeId !== undefined && v.scopeId !== scope.elementId && !path.includes(v.scopeId) && !isAbove(tree, scope, v.scopeId)) {
        throw reject(
          `contains one or more variable instructions with a scope element that doesn't belong to the activating element's flow scope: '${v.scopeId}'. These variables should be set before or after the modification.`,
        );
      }
    }
    activations.push({ scope, path, variables });
  };
  const given = (key: string): ElementInstance => {
    const ancestor = activeOf(tree.elements.get(key));
    if (!ancestor) {
      throw reject(
        `contains one or more activate instructions with an ancestor scope key that does not exist, or is not in an active state: '${key}'`,
      );
    }
    return ancestor;
  };

  for (const a of instructions.activateInstructions) plan(a.elementId, a.ancestorElementInstanceKey, a.variableInstructions);
  for (const move of instructions.moveInstructions) {
    const sources =
      'sourceElementId' in move.source
        ? instancesOf(move.source.sourceElementId)
        : [activeOf(tree.elements.get(move.source.sourceElementInstanceKey))].flatMap((ei) => ei ?? []);
    if ('sourceElementInstanceKey' in move.source && sources.length === 0) {
      throw reject(
        `contains one or more move instructions with a source element instance that could not be found: '${move.source.sourceElementInstanceKey}'`,
      );
    }
    for (const source of sources) {
      const ancestor = move.ancestor;
      const ancestorKey =
        ancestor.type === 'direct'
          ? ancestor.ancestorElementInstanceKey
          : ancestor.type === 'sourceParent'
            ? (source.flowScopeKey ?? undefined)
            : inferredAncestor(tree, model, source, move.targetElementId)?.key;
      plan(move.targetElementId, ancestorKey, move.variableInstructions);
      toTerminate.push(source);
    }
  }
  for (const t of instructions.terminateInstructions) {
    if ('elementId' in t) {
      toTerminate.push(...instancesOf(t.elementId));
      continue;
    }
    const ei = activeOf(tree.elements.get(t.elementInstanceKey));
    if (!ei) {
      throw reject(
        `contains one or more terminate instructions with an element instance that could not be found: '${t.elementInstanceKey}'`,
      );
    }
    if (ei.type === 'PROCESS')
      throw reject(`contains a terminate instruction for the process instance itself: '${ei.key}'; cancel it instead`);
    toTerminate.push(ei);
  }

  for (const { scope, path, variables } of activations) {
    const local: Record<string, Record<string, unknown>> = {};
    for (const v of variables) {
      const target =
        v.scopeId === undefined ? tree.element(pi.key) : path.includes(v.scopeId) ? undefined : instanceAbove(tree, scope, v.scopeId);
      if (target) setLocalVariables(tree, tx.ctx.keys, target, v.variables);
      else if (v.scopeId !== undefined) local[v.scopeId] = { ...local[v.scopeId], ...v.variables };
    }
    activateAlong(tx, scope, { path, variables: local });
  }
  const scopes = new Set<string>();
  for (const ei of toTerminate) {
    if (ei.flowScopeKey) scopes.add(ei.flowScopeKey);
    tx.termination.terminate(ei);
  }
  for (const key of scopes) terminateIfEmpty(tx, tree, tree.elements.get(key));
}

/** The one active instance of each flow scope on the way down to the element, the deepest there is. */
function onlyScope(
  tree: InstanceTree,
  model: ProcessModel,
  pi: ProcessInstance,
  elementId: string,
  reject: (what: string) => EngineRejection,
): ElementInstance {
  let scope = tree.element(pi.key);
  for (const scopeId of (pathBelow(model, model.root.id, elementId) ?? []).slice(0, -1)) {
    const inside = [...tree.elements.values()].filter(
      (ei) => ei.state === 'ACTIVE' && ei.processInstanceKey === pi.key && ei.elementId === scopeId && ei.flowScopeKey === scope.key,
    );
    if (inside.length > 1) {
      throw reject(
        `contains one or more activate instructions for an element that has a flow scope with more than one active instance: '${scopeId}'. Can't decide in which instance of the flow scope the element should be activated. Please specify an ancestor element instance key for this activate instruction.`,
      );
    }
    if (inside.length === 0) break;
    scope = inside[0]!;
  }
  return scope;
}

/** The nearest ancestor of the source (itself excluded) whose element is a flow scope of the target. */
function inferredAncestor(tree: InstanceTree, model: ProcessModel, source: ElementInstance, targetId: string): ElementInstance | undefined {
  for (
    let ei = source.flowScopeKey ? tree.elements.get(source.flowScopeKey) : undefined;
    ei;
    ei = ei.flowScopeKey ? tree.elements.get(ei.flowScopeKey) : undefined
  ) {
    if (model.elements.has(ei.elementId) && pathBelow(model, ei.elementId, targetId)) return ei;
  }
  return undefined;
}

function instanceAbove(tree: InstanceTree, from: ElementInstance, elementId: string): ElementInstance | undefined {
  for (let ei: ElementInstance | undefined = from; ei; ei = ei.flowScopeKey ? tree.elements.get(ei.flowScopeKey) : undefined) {
    if (ei.elementId === elementId && ei.processInstanceKey === from.processInstanceKey) return ei;
  }
  return undefined;
}

function isAbove(tree: InstanceTree, from: ElementInstance, elementId: string): boolean {
  return instanceAbove(tree, from, elementId) !== undefined;
}

/** A flow scope whose last active element a modification terminated is terminated too, up to the process instance. */
function terminateIfEmpty(tx: Transition, tree: InstanceTree, scope: ElementInstance | undefined): void {
  if (!scope || scope.state !== 'ACTIVE' || tree.childrenOf(scope.key).some((child) => child.state === 'ACTIVE')) return;
  const parent = scope.type === 'PROCESS' ? undefined : scope.flowScopeKey;
  tx.termination.terminate(scope);
  if (parent) terminateIfEmpty(tx, tree, tree.elements.get(parent));
}
