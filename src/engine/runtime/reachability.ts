import { isActivity } from '../model/element-lookup.js';
import type { ProcessModel } from '../model/types.js';

const cache = new WeakMap<ProcessModel, Map<string, Set<string>>>();

/** Element ids reachable from an element within its scope, following flows and boundary events. */
function reachableFrom(model: ProcessModel, start: string): Set<string> {
  let perModel = cache.get(model);
  if (!perModel) cache.set(model, (perModel = new Map()));
  const cached = perModel.get(start);
  if (cached) return cached;
  const seen = new Set<string>();
  const stack = [start];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    const element = model.elements.get(id);
    if (!element) continue;
    const next = [...element.outgoing.map((f) => f.targetId), ...(isActivity(element) ? element.boundaryIds : [])];
    for (const id of next) {
      if (!seen.has(id)) {
        seen.add(id);
        stack.push(id);
      }
    }
  }
  perModel.set(start, seen);
  return seen;
}

/** Whether a token at any of `sources` may still arrive at `target` (the inclusive join's rule). */
export function canReachAny(model: ProcessModel, sources: string[], target: string): boolean {
  return sources.some((source) => reachableFrom(model, source).has(target));
}
