import { elementIn, loopOf } from '../model/element-lookup.js';
import type { ElementKind, ProcessModel } from '../model/types.js';
import type { ActivationPath, ElementInstance } from './entities.js';
import type { Transition } from './transition.js';
import { setLocalVariables } from './variables.js';

/**
 * Activating an element where no token arrives — a start instruction of a new instance, an
 * activate or move instruction of a modification — as Zeebe does: the flow scopes the element
 * needs and that have no active instance are created on the way (their input mappings, listeners
 * and boundary events run as on any activation, their start events do not), then the element is
 * activated as if a token had reached it.
 */

/** Kinds Zeebe does not activate by an instruction: they are entered by their event or never on their own. */
const NOT_ACTIVATABLE: ReadonlySet<ElementKind> = new Set(['process', 'startEvent', 'boundaryEvent']);

/** Why an element cannot be activated by an instruction, or undefined when it can. */
export function whyNotActivatable(model: ProcessModel, elementId: string): string | undefined {
  const element = model.elements.get(elementId);
  if (!element) return 'not found';
  if (NOT_ACTIVATABLE.has(element.kind)) return `of unsupported type '${element.apiType}'`;
  for (let scopeId = element.scopeId; scopeId !== null; scopeId = elementIn(model, scopeId).scopeId) {
    if (loopOf(elementIn(model, scopeId))) return `inside the multi-instance subprocess '${scopeId}'`;
  }
  const before = element.incoming.map((flow) => elementIn(model, flow.sourceId));
  if (before.some((source) => source.kind === 'eventBasedGateway')) return 'after an event-based gateway';
  return undefined;
}

/** The element ids from just below `scopeId` down to the element, outermost first; undefined when the element is not inside that scope. */
export function pathBelow(model: ProcessModel, scopeId: string, elementId: string): string[] | undefined {
  const path = [elementId];
  for (let id = elementIn(model, elementId).scopeId; id !== scopeId; id = elementIn(model, id).scopeId) {
    if (id === null) return undefined;
    path.unshift(id);
  }
  return path;
}

/** Activates the first element of a path inside `scope`, leaving the rest of the path for its own activation; answers it. */
export function activateAlong(tx: Transition, scope: ElementInstance, instruction: ActivationPath): ElementInstance {
  const [first, ...rest] = instruction.path;
  if (first === undefined) throw new Error(`empty activation path below ${scope.elementId}`);
  const ei = tx.lifecycle.activate(scope, first);
  const variables = instruction.variables[first];
  if (variables) setLocalVariables(tx.treeOf(ei), tx.ctx.keys, ei, variables);
  if (rest.length > 0) ei.runtime.startAt = [{ path: rest, variables: instruction.variables }];
  return ei;
}

/** A scope with instructions activates the elements they name instead of its start event. */
export function activateInstructed(tx: Transition, scope: ElementInstance): void {
  const paths = scope.runtime.startAt ?? [];
  delete scope.runtime.startAt;
  tx.treeOf(scope).touch(scope);
  for (const instruction of paths) activateAlong(tx, scope, instruction);
}
