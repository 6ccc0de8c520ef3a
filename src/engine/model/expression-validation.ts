import { checkFeelSyntax } from '../runtime/feel.js';
import type { Unsupported } from './rejection.js';
import type { ElementModel } from './types.js';

/** Rejects at deployment what would otherwise only fail as an incident when the element runs. */
export function checkFeel(id: string, expression: string, unsupported: Unsupported): void {
  const problem = checkFeelSyntax(expression);
  if (problem) throw unsupported(id, `the FEEL expression '${expression}' is invalid: ${problem}`);
}

/** Checks every FEEL expression of the element: mappings, loop, script, and the '='-prefixed attribute values. */
export function validateExpressions(e: ElementModel, unsupported: Unsupported): void {
  const check = (expression: string) => checkFeel(e.id, expression, unsupported);
  for (const m of [...e.inputs, ...e.outputs]) check(m.source);
  if (e.loop) check(e.loop.inputCollection);
  if (e.loop?.outputElement) check(e.loop.outputElement);
  if (e.loop?.completionCondition) check(e.loop.completionCondition);
  if (e.script) check(e.script.expression);
  const values = [
    e.job?.type,
    e.job?.retries,
    e.event?.timer?.value,
    e.event?.message?.correlationKey,
    e.event?.message?.name,
    e.call?.processId,
    ...Object.values(e.userTask ?? {}),
    ...[...e.startListeners, ...e.endListeners].flatMap((l) => [l.type, l.retries]),
  ];
  for (const value of values) {
    if (typeof value === 'string' && value.startsWith('=')) check(value.slice(1));
  }
}
