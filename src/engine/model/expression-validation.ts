import { checkFeelSyntax } from '../runtime/feel.js';
import { prototypeSegmentOf } from '../runtime/variable-names.js';
import type { Unsupported } from './rejection.js';

/** Rejects at deployment what would otherwise only fail as an incident when the element runs. */
export function checkFeel(id: string, expression: string, unsupported: Unsupported): void {
  const problem = checkFeelSyntax(expression);
  if (problem) throw unsupported(id, `the FEEL expression '${expression}' is invalid: ${problem}`);
}

/** Checks value expressions: static text passes, an '='-prefixed one must be valid FEEL. */
export function checkValueExpressions(id: string, values: string[], unsupported: Unsupported): void {
  for (const value of values) if (value.startsWith('=')) checkFeel(id, value.slice(1), unsupported);
}

/** A variable name or mapping target the element writes to may not reach into an object's prototype. */
export function checkVariableName(id: string, name: string, unsupported: Unsupported): void {
  const segment = prototypeSegmentOf(name);
  if (segment) throw unsupported(id, `the variable '${name}' names '${segment}', which may not be a variable name or a segment of one`);
}
