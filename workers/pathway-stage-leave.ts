import type { JobContext } from '../src/jobs/definition.js';
import { Input, Output, recordStageEvent, refuseListenerOfOtherEvent, type Deps } from './stage-event.js';

/**
 * Records a case leaving a pathway stage. Job type of the end execution listener on every stage
 * subprocess of process-application/bpmn/sote-tyoparipolku.bpmn.
 */
export const jobType = 'pathway-stage-leave';

export const description = 'Record the case leaving a pathway stage (end listener) and the deadlines that end meets';

export { Input, Output };
export type { Deps };

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  refuseListenerOfOtherEvent(jobType, 'END', job);
  return recordStageEvent('END', input, deps, job);
}
