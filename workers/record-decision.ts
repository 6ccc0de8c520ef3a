import { z } from 'zod';
import { isLocalDate } from '../src/domain/local-date.js';
import type { JobContext } from '../src/jobs/definition.js';
import { startCaseDeadlines, type CaseDeadlineDeps } from './case-deadlines.js';

/**
 * Starts the clocks an official's decision on a social welfare service starts: the 30-day period for
 * a request for a review (hallintolaki 49 c §), from the decision's date, and for a granted
 * service SHL 45 §'s time to arrange it. Job type of the service task after the decision in
 * process-application/bpmn/tyoryhmakasittely.bpmn.
 */
export const jobType = 'record-decision';

export const description = 'Start the appeal period of an official decision, and the implementation time of the service it grants';

export const Input = z.object({
  caseId: z.uuid(),
  decision: z.enum(['APPROVED', 'REJECTED']),
  decisionDate: z.string().refine(isLocalDate, { error: 'must be a calendar date (YYYY-MM-DD)' }),
});

export const Output = z.object({});

export type Input = z.infer<typeof Input>;
export type Output = z.infer<typeof Output>;

export type Deps = CaseDeadlineDeps;

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  await startCaseDeadlines(deps, {
    caseId: input.caseId,
    events: input.decision === 'APPROVED' ? ['DECISION_NOTIFIED', 'SERVICE_GRANTED'] : ['DECISION_NOTIFIED'],
    eventDate: input.decisionDate,
    jobKey: job.jobKey,
  });
  return {};
}
