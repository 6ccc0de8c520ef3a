import { z } from 'zod';
import { deadlinesStartedBy } from '../src/domain/deadlines.js';
import { finnishDate } from '../src/domain/finnish-time.js';
import { isLocalDate } from '../src/domain/local-date.js';
import type { JobContext } from '../src/jobs/definition.js';
import type { CasePort, DeadlinePort, OrgPort } from '../src/jobs/ports.js';

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

export interface Deps {
  cases: Pick<CasePort, 'getCase'>;
  deadlines: Pick<DeadlinePort, 'recordDeadlines'>;
  org: Pick<OrgPort, 'listDeadlineRules'>;
}

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  const found = await deps.cases.getCase(input.caseId);
  if (!found || found.closedAt) return {};
  const rules = await deps.org.listDeadlineRules();
  const started = deadlinesStartedBy({
    rules,
    attributes: found.attributes,
    events: input.decision === 'APPROVED' ? ['DECISION_NOTIFIED', 'SERVICE_GRANTED'] : ['DECISION_NOTIFIED'],
    eventDate: input.decisionDate,
    caseOpenedOn: finnishDate(found.openedAt),
  });
  // A redelivered job finds the deadlines it started and starts none again (recordDeadlines by job key).
  if (started.length > 0) await deps.deadlines.recordDeadlines({ caseId: input.caseId, jobKey: job.jobKey, deadlines: started });
  return {};
}
