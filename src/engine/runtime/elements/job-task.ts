import type { JobTaskElement } from '../../model/types.js';
import { activityOf } from './activity.js';
import type { ElementUnit } from './element-unit.js';
import { jobExpressions, jobOf } from './job.js';

/** Service, send and business rule tasks hand their work to a job worker. */
export const jobTaskUnit: ElementUnit<JobTaskElement> = {
  compile(e, common, context) {
    const job = jobOf(e, context.unsupported);
    if (!job && common.kind === 'businessRuleTask') throw context.unsupported(e.id, 'DMN decisions are not supported');
    if (!job) throw context.unsupported(e.id, 'the task needs a zeebe:taskDefinition with a job type');
    return { ...activityOf(e, common, context), job };
  },
  expressions: (element) => jobExpressions(element.job),
  activate: (tx, ei, element) => tx.jobs.createElementJob(ei, element.job),
};
