import type { ElementInstance, Variable } from './entities.js';
import type { KeyGenerator } from './keys.js';
import { prototypeSegmentOf } from './variable-names.js';
import type { InstanceTree } from './tree.js';

/** Zeebe's variable scopes: each element instance is a scope; the process instance is the root scope. */

function scopeChain(tree: InstanceTree, ei: ElementInstance): ElementInstance[] {
  const chain: ElementInstance[] = [];
  let current: ElementInstance | undefined = ei;
  while (current) {
    chain.push(current);
    current = current.flowScopeKey ? tree.elements.get(current.flowScopeKey) : undefined;
  }
  return chain;
}

/** Every variable visible from `ei`: the root scope first, inner scopes overriding outer ones. */
export function visibleVariables(tree: InstanceTree, ei: ElementInstance): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const scope of scopeChain(tree, ei).reverse()) {
    for (const [name, v] of tree.variables.get(scope.key) ?? []) result[name] = v.value;
  }
  return result;
}

export function localVariables(tree: InstanceTree, scopeKey: string): Record<string, unknown> {
  return Object.fromEntries([...(tree.variables.get(scopeKey) ?? [])].map(([name, v]) => [name, v.value]));
}

/** Creates or overwrites variables in the scope of `ei` itself. */
export function setLocalVariables(tree: InstanceTree, keys: KeyGenerator, ei: ElementInstance, variables: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(variables)) write(tree, keys, ei, name, value);
}

/**
 * Zeebe's propagation: each variable is set in the nearest scope, starting at `from`, that already
 * holds it; a variable no scope holds is created in the process instance's root scope.
 */
export function propagateVariables(
  tree: InstanceTree,
  keys: KeyGenerator,
  from: ElementInstance,
  variables: Record<string, unknown>,
): void {
  const chain = scopeChain(tree, from);
  for (const [name, value] of Object.entries(variables)) {
    const holder = chain.find((scope) => tree.variables.get(scope.key)?.has(name)) ?? chain[chain.length - 1];
    write(tree, keys, holder, name, value);
  }
}

function write(tree: InstanceTree, keys: KeyGenerator, scope: ElementInstance, name: string, value: unknown): void {
  const existing = tree.variables.get(scope.key)?.get(name);
  if (existing) {
    existing.value = value;
    tree.touch(existing);
    return;
  }
  const variable: Variable = {
    key: keys.next(),
    name,
    value: value === undefined ? null : value,
    scopeKey: scope.key,
    processInstanceKey: scope.processInstanceKey,
    rootKey: tree.rootKey,
    tenantId: scope.tenantId,
  };
  tree.putVariable(variable);
}

/** Turns a mapping target `a.b.c` into the variable `a` with the nested value set, keeping a's other fields. */
export function pathValue(target: string, value: unknown, scope: ElementInstance, tree: InstanceTree): Record<string, unknown> {
  // Deployment refuses such targets; a definition stored before it did must not reach Object.prototype either.
  const forbidden = prototypeSegmentOf(target);
  if (forbidden)
    throw new Error(`the mapping target '${target}' names '${forbidden}', which may not be a variable name or a segment of one`);
  const parts = target.split('.');
  if (parts.length === 1) return { [target]: value };
  const existing = visibleVariables(tree, scope)[parts[0]];
  const root: Record<string, unknown> =
    existing && typeof existing === 'object' && !Array.isArray(existing) ? structuredClone(existing as Record<string, unknown>) : {};
  let cursor = root;
  for (const part of parts.slice(1, -1)) {
    const next = cursor[part];
    cursor = cursor[part] = next && typeof next === 'object' && !Array.isArray(next) ? (next as Record<string, unknown>) : {};
  }
  cursor[parts[parts.length - 1]] = value;
  return { [parts[0]]: root };
}
