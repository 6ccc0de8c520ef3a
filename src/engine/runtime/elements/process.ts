import type { ProcessElement } from '../../model/types.js';
import type { ElementUnit } from './element-unit.js';
import { activateScope } from './scope.js';

/** The process itself: the scope of its instance's variables and elements. */
export const processUnit: ElementUnit<ProcessElement> = {
  compile: (_e, common) => ({ ...common, eventSubProcessIds: [] }),
  activate: activateScope,
};
