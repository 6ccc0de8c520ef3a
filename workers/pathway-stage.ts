import { InvalidInputError, type JobContext } from '../src/jobs/definition.js';
import { Input, Output, recordStageEvent, type Deps } from './stage-event.js';

/**
 * The stage listeners' job type in versions of process-application/bpmn/sote-tyoparipolku.bpmn deployed before the
 * event moved into the job type (pathway-stage-enter, pathway-stage-leave). Instances still running
 * on those versions keep being served, by the event the engine reports. A job that does not say
 * its event is refused rather than guessed: guessing "enter" for every job, as the first version
 * did, recorded each stage twice and never met a deadline due at a stage's end on a real broker.
 */
export const jobType = 'pathway-stage';

export const description = 'Record a stage event for instances of diagram versions before pathway-stage-enter and -leave';

export { Input, Output };
export type { Deps };

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  if (job.listenerEventType === 'UNSPECIFIED') {
    throw new InvalidInputError(
      `The engine did not say whether the pathway-stage job of ${job.elementId} is its start or its end listener. ` +
        'Migrate the instance to the newest version of sote-tyoparipolku, whose listeners name the event (pathway-stage-enter, pathway-stage-leave)',
    );
  }
  return recordStageEvent(job.listenerEventType, input, deps, job);
}
