import type { JobContext } from '../src/jobs/definition.js';
import { Input, Output, recordStageEvent, refuseListenerOfOtherEvent, type Deps } from './stage-event.js';

/**
 * Records a case entering a pathway stage. Job type of the start execution listener on every stage
 * subprocess of process-application/bpmn/sote-tyoparipolku.bpmn; the event is in the job type, not read from the job,
 * because brokers before 8.6 do not say which listener a job belongs to.
 */
export const jobType = 'pathway-stage-enter';

export const description = 'Record the case entering a pathway stage (start listener) and the deadlines that start meets';

export { Input, Output };
export type { Deps };

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  refuseListenerOfOtherEvent(jobType, 'START', job);
  return recordStageEvent('START', input, deps, job);
}
