import { z } from 'zod';
import type { JobContext } from '../src/jobs/definition.js';
import type { MessagePort } from '../src/jobs/ports.js';

/**
 * Makes the local team's recommendation act on the pathway: REVISE_PLAN takes the case back to the
 * plan, REFER_TO_GROUP to the regional working group. The team handling runs beside the stages (a
 * process-level event subprocess), so it tells the stage it interrupts by a message,
 * `suunnitelma-paivitettava` or `tyoryhmaan-ohjattava`, which stages TOTEUTUS and LOPPUARVIOINTI catch. In an earlier stage no plan is
 * running yet: nothing waits, and the recommendation stays in `teamRecommendation` for the plan
 * that comes. Job type used by process-application/bpmn/sote-tyoparipolku.bpmn (`apply-team-recommendation`).
 */
export const jobType = 'apply-team-recommendation';

export const description = 'Take the case back to the plan or on to the working group, as the local team recommends';

/** The message each recommendation sends (process-application/README.md, Messages). */
const MESSAGE_OF = { REVISE_PLAN: 'suunnitelma-paivitettava', REFER_TO_GROUP: 'tyoryhmaan-ohjattava' } as const;

export const Input = z.object({
  caseId: z.uuid(),
  teamRecommendation: z.enum(['REVISE_PLAN', 'REFER_TO_GROUP']),
});

export const Output = z.object({
  /** Whether a stage took the recommendation; false when the case was in a stage before the plan ran. */
  teamRecommendationApplied: z.boolean(),
});

export type Input = z.infer<typeof Input>;
export type Output = z.infer<typeof Output>;

export interface Deps {
  messages: MessagePort;
}

export async function handle(input: Input, deps: Deps, _job: JobContext): Promise<Output> {
  // A redelivered job finds the case moved on, out of the stages that catch the message: false, and no second move.
  const teamRecommendationApplied = await deps.messages.correlateMessage({
    name: MESSAGE_OF[input.teamRecommendation],
    correlationKey: input.caseId,
    variables: { teamRecommendation: input.teamRecommendation },
  });
  return { teamRecommendationApplied };
}
