import { z } from 'zod';
import { OUTCOME_CODES, type OutcomeCode } from '../src/domain/outcomes.js';
import type { JobContext } from '../src/jobs/definition.js';
import type { CasePort, Clock } from '../src/jobs/ports.js';

/**
 * Closes the case: records its outcome, releases the work pair's caseload and closes the open
 * stage. Job type of the closing tasks of process-application/bpmn/sote-tyoparipolku.bpmn (`close-case`): the normal
 * end, the single-sector referral and the client leaving mid-pathway.
 */
export const jobType = 'close-case';

export const description = 'Close the case with its outcome, release the work pair and close the open stage';

/**
 * The diagram's close reasons (process-application/README.md), by the outcome the read model records for each.
 * Anything else, a withdrawal message without a reason say, fails the input check: an incident
 * for someone to answer, rather than a guessed outcome.
 */
const OUTCOME_BY_CLOSE_REASON: Readonly<Record<string, OutcomeCode>> = {
  SINGLE_SECTOR_REFERRAL: 'SINGLE_SECTOR_REFERRAL',
  PATHWAY_COMPLETED: 'COMPLETED',
  CLIENT_WITHDREW: 'CLIENT_WITHDREW',
  MOVED_AWAY: 'MOVED_AWAY',
  DIED: 'DIED',
  NOT_REACHED: 'NOT_REACHED',
  MOVED_TO_OTHER_SERVICE: 'MOVED_TO_OTHER_SERVICE',
  DECLINED_SERVICES: 'DECLINED_SERVICES',
};

export const Input = z.object({
  caseId: z.uuid(),
  closeReason: z.string().refine((reason) => Object.hasOwn(OUTCOME_BY_CLOSE_REASON, reason), {
    error: `expected one of ${Object.keys(OUTCOME_BY_CLOSE_REASON).join(', ')}`,
  }),
});

export const Output = z.object({
  /** The outcome recorded: this job's, or the first one when the case was already closed. */
  outcome: z.enum(OUTCOME_CODES),
});

export type Input = z.infer<typeof Input>;
export type Output = z.infer<typeof Output>;

export interface Deps {
  clock: Clock;
  cases: Pick<CasePort, 'closeCase'>;
}

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  const closed = await deps.cases.closeCase({
    caseId: input.caseId,
    outcome: OUTCOME_BY_CLOSE_REASON[input.closeReason],
    at: deps.clock.now(),
    jobKey: job.jobKey,
  });
  // The check constraint pairs closed_at with an outcome, so a closed case always has one.
  return { outcome: closed.outcome! };
}
