import { extension, stripEquals, type Moddle } from './moddle.js';
import type { Unsupported } from './rejection.js';
import type { LoopDefinition } from './types.js';

/** The multi-instance characteristics of an activity with loopCharacteristics. */
export function compileLoop(e: Moddle, unsupported: Unsupported): LoopDefinition {
  const lc = e.loopCharacteristics;
  if (lc.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    throw unsupported(e.id, 'standard loops are not supported; use multi-instance');
  }
  const z = extension(lc, 'zeebe:LoopCharacteristics');
  if (!z?.inputCollection) throw unsupported(e.id, 'a multi-instance activity needs zeebe:loopCharacteristics inputCollection');
  if (z.outputCollection && !z.outputElement) {
    throw unsupported(e.id, 'a multi-instance outputCollection needs an outputElement');
  }
  return {
    sequential: lc.isSequential === true,
    inputCollection: stripEquals(z.inputCollection),
    inputElement: z.inputElement || undefined,
    outputCollection: z.outputCollection || undefined,
    outputElement: z.outputElement ? stripEquals(z.outputElement) : undefined,
    completionCondition: lc.completionCondition?.body ? stripEquals(lc.completionCondition.body) : undefined,
  };
}
