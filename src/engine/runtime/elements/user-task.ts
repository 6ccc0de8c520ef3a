import type { UserTaskElement } from '../../model/types.js';
import { compileUserTask } from '../../model/user-task-definition.js';
import { activityOf } from './activity.js';
import type { ElementUnit } from './element-unit.js';
import { jobExpressions, jobOf } from './job.js';

/** A Camunda user task: created with its evaluated assignment, dates and form, completed by a person (see UserTaskBehaviour). */
export const userTaskUnit: ElementUnit<UserTaskElement> = {
  compile: (e, common, context) => ({
    ...activityOf(e, common, context),
    userTask: compileUserTask(e, context.unsupported),
    job: jobOf(e, context.unsupported),
  }),
  expressions: (element) => [...Object.values(element.userTask).filter((value) => value !== undefined), ...jobExpressions(element.job)],
  activate: (tx, ei, element) => tx.userTasks.create(ei, element),
};
