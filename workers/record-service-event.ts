import { z } from 'zod';
import { isLocalDate } from '../src/domain/local-date.js';
import type { JobContext } from '../src/jobs/definition.js';
import { startCaseDeadlines, type CaseDeadlineDeps } from './case-deadlines.js';

/**
 * Starts the clocks a meeting with the client starts (SERVICE_EVENT): the health records of the
 * visit are due within 5 days (potilasasiakirja-asetus 94/2022, 8 §), counted from the visit's
 * date as the form records it, not from when the job runs. Job type of the service task after the
 * monitoring visit in process-application/bpmn/sote-tyoparipolku.bpmn, the form whose date is a
 * client contact's.
 */
export const jobType = 'record-service-event';

export const description = 'Start the deadlines of a meeting with the client (the records rule), from the date the form records';

export const Input = z.object({
  caseId: z.uuid(),
  /** The meeting's date (local input: the form's own date field, e.g. `visitDate`). */
  serviceEventDate: z.string().refine(isLocalDate, { error: 'must be a calendar date (YYYY-MM-DD)' }),
});

export const Output = z.object({});

export type Input = z.infer<typeof Input>;
export type Output = z.infer<typeof Output>;

export type Deps = CaseDeadlineDeps;

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  await startCaseDeadlines(deps, {
    caseId: input.caseId,
    events: ['SERVICE_EVENT'],
    eventDate: input.serviceEventDate,
    jobKey: job.jobKey,
  });
  return {};
}
