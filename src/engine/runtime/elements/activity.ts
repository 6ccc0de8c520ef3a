import { compileLoop } from '../../model/multi-instance-definition.js';
import type { Moddle } from '../../model/moddle.js';
import type { ActivityCommon, ElementCommon, ElementKind } from '../../model/types.js';
import type { CompileContext } from './element-unit.js';

/** What every activity adds: its boundary events (linked later) and its multi-instance characteristics. */
export function activityOf<K extends ElementKind>(e: Moddle, common: ElementCommon<K>, { unsupported }: CompileContext): ActivityCommon<K> {
  return { ...common, boundaryIds: [], loop: e.loopCharacteristics ? compileLoop(e, unsupported) : undefined };
}
