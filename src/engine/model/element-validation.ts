import type { LinkedProcess } from '../runtime/elements/element-unit.js';
import { unitOf } from '../runtime/elements/index.js';
import { loopOf } from './element-lookup.js';
import { checkFeel, checkValueExpressions, checkVariableName } from './expression-validation.js';
import { validateOutgoingFlows } from './flow-validation.js';
import type { Unsupported } from './rejection.js';
import type { ElementModel } from './types.js';

/** Rejects the elements of a linked process that the engine cannot run as written. */
export function validateElement(e: ElementModel, process: LinkedProcess, unsupported: Unsupported): void {
  const loop = loopOf(e);
  const written = [...e.inputs, ...e.outputs].map((m) => m.target);
  for (const name of [...written, loop?.inputElement, loop?.outputCollection]) {
    if (name !== undefined) checkVariableName(e.id, name, unsupported);
  }
  const unit = unitOf(e);
  unit.validate?.(e, { process, unsupported });
  validateOutgoingFlows(e, unsupported);
  for (const m of [...e.inputs, ...e.outputs]) checkFeel(e.id, m.source, unsupported);
  for (const expression of [loop?.inputCollection, loop?.outputElement, loop?.completionCondition]) {
    if (expression !== undefined) checkFeel(e.id, expression, unsupported);
  }
  const listeners = [...e.startListeners, ...e.endListeners].flatMap((l) => [l.type, l.retries]);
  checkValueExpressions(e.id, [...(unit.expressions?.(e) ?? []), ...listeners], unsupported);
}
