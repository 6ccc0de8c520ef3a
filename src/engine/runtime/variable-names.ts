/**
 * Names that would reach an object's prototype when used as a property key. A variable or a
 * segment of a mapping target with one of them could write onto Object.prototype of the whole
 * process (and, stored, again after every restart), so the engine refuses them everywhere.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

/** The first segment of a dotted variable path that names a prototype key, if any. */
export function prototypeSegmentOf(path: string): string | undefined {
  return path.split('.').find((segment) => PROTOTYPE_KEYS.has(segment));
}

/** The first property key anywhere in a JSON value (objects nested in objects and arrays) that names a prototype key. */
export function prototypeKeyIn(value: unknown): string | undefined {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      pending.push(...current);
      continue;
    }
    for (const key of Object.keys(current)) {
      if (PROTOTYPE_KEYS.has(key)) return key;
      pending.push((current as Record<string, unknown>)[key]);
    }
  }
  return undefined;
}

/** How deeply arrays and objects nest in a JSON value (a scalar is 0), counted without recursion. */
export function nestingDepthOf(value: unknown): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, depth] = next;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Array.isArray(current) ? current : Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}
