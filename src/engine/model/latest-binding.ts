import type { Moddle } from './moddle.js';
import type { Unsupported } from './rejection.js';

/** The engine always links the latest version; a diagram asking for another would run against the wrong one. */
export function requireLatestBinding(id: string, link: Moddle, unsupported: Unsupported): void {
  const binding = link.bindingType ?? 'latest';
  if (binding !== 'latest') throw unsupported(id, `bindingType '${binding}' is not supported; only 'latest' is`);
}
