import { requireLatestBinding } from '../../model/latest-binding.js';
import { extension } from '../../model/moddle.js';
import type { CallActivityElement } from '../../model/types.js';
import { activityOf } from './activity.js';
import type { ElementUnit } from './element-unit.js';

/** Starts the latest version of the called process as a child instance (see CallActivityBehaviour). */
export const callActivityUnit: ElementUnit<CallActivityElement> = {
  compile(e, common, context) {
    const called = extension(e, 'zeebe:CalledElement');
    if (!called?.processId) throw context.unsupported(e.id, 'a call activity needs zeebe:calledElement processId');
    requireLatestBinding(e.id, called, context.unsupported);
    const call = {
      processId: called.processId,
      propagateAllChildVariables: called.propagateAllChildVariables !== false,
      propagateAllParentVariables: called.propagateAllParentVariables !== false,
    };
    return { ...activityOf(e, common, context), call };
  },
  expressions: (element) => [element.call.processId],
  activate: (tx, ei, element) => tx.calls.callProcess(ei, element),
};
