import type { PlainTaskElement } from '../../model/types.js';
import { activityOf } from './activity.js';
import type { ElementUnit } from './element-unit.js';
import { passThrough } from './pass-through.js';

/** Manual and undefined tasks: nothing for the engine to do. */
export const plainTaskUnit: ElementUnit<PlainTaskElement> = {
  compile: activityOf,
  activate: passThrough,
};
