/**
 * How a job ended, from the worker's side:
 * - completed: the engine took the output;
 * - bpmn-error: a BusinessError, thrown to the diagram;
 * - invalid-variables / unusable-variables: failed with no retries (an incident naming the field);
 * - handler-error: failed with one retry fewer;
 * - released: handed back at shutdown with its retries unchanged;
 * - unacknowledged: the engine could not be told; it hands the job out again after its timeout.
 */
export type JobOutcome =
  'completed' | 'bpmn-error' | 'invalid-variables' | 'unusable-variables' | 'handler-error' | 'released' | 'unacknowledged';

/** Told about every job the runtime takes and how it ended (metrics; tests). */
export interface JobObserver {
  jobActivated(jobType: string): void;
  jobFinished(jobType: string, outcome: JobOutcome, seconds: number): void;
}

/** Observes nothing. */
export const noJobObserver: JobObserver = { jobActivated: () => {}, jobFinished: () => {} };
