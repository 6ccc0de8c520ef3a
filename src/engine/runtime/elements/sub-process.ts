import type { SubProcessElement } from '../../model/types.js';
import { activityOf } from './activity.js';
import type { ElementUnit } from './element-unit.js';
import { activateScope } from './scope.js';

export const subProcessUnit: ElementUnit<SubProcessElement> = {
  compile: (e, common, context) => ({ ...activityOf(e, common, context), eventSubProcessIds: [] }),
  validate(element, { unsupported }) {
    if (!element.noneStartId) throw unsupported(element.id, 'an embedded subprocess needs one none start event');
  },
  activate: activateScope,
};
