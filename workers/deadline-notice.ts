import { z } from 'zod';
import { InvalidInputError, type JobContext } from '../src/jobs/definition.js';
import type { Clock, DeadlinePort, OrgPort } from '../src/jobs/ports.js';
import { DEADLINE_GROUPS, rulesNamedBy } from '../src/domain/deadline-groups.js';

/**
 * Records that a case's deadline was missed and escalated, when a deadline timer of the diagram
 * fires. Job type used by process-application/bpmn/sote-tyoparipolku.bpmn (`deadline-notice`).
 */
export const jobType = 'deadline-notice';

export const description = 'Record that a deadline of the case was missed and escalated to the team lead';

export const Input = z.object({
  caseId: z.uuid(),
  /** A deadline group of src/domain/deadline-groups.ts ('ARVIOINTI_ALOITUS') or a rule id of the deadline rules. */
  deadlineRule: z.string().min(1),
});

export const Output = z.object({
  /**
   * True when the breach is recorded (by this job, also on a redelivery). False when there was
   * nothing to escalate: the deadline was met or already escalated, or no such rule applies.
   */
  deadlineNotified: z.boolean(),
});

export type Input = z.infer<typeof Input>;
export type Output = z.infer<typeof Output>;

export interface Deps {
  clock: Clock;
  org: Pick<OrgPort, 'listDeadlineRules'>;
  deadlines: Pick<DeadlinePort, 'listDeadlines' | 'markDeadlineBreached'>;
}

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  const ruleIds = rulesNamedBy(input.deadlineRule);
  if (!Object.hasOwn(DEADLINE_GROUPS, input.deadlineRule)) {
    const known = new Set((await deps.org.listDeadlineRules()).map((r) => r.id));
    if (!known.has(input.deadlineRule)) throw new InvalidInputError(`deadlineRule: no deadline rule or group '${input.deadlineRule}'`);
  }
  const ofRule = (await deps.deadlines.listDeadlines(input.caseId)).filter((d) => ruleIds.includes(d.ruleId));
  if (ofRule.some((d) => d.notifiedJobKey === job.jobKey)) return { deadlineNotified: true };
  // Listed earliest due first: the one the timer was set by.
  const missed = ofRule.find((d) => d.metAt === null && d.notifiedJobKey === null);
  if (!missed) return { deadlineNotified: false };
  const stored = await deps.deadlines.markDeadlineBreached({ deadlineId: missed.id, at: deps.clock.now(), jobKey: job.jobKey });
  return { deadlineNotified: stored?.notifiedJobKey === job.jobKey };
}
