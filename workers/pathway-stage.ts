import { z } from 'zod';
import { STAGE_CODES } from '../src/domain/stages.js';
import type { JobContext } from '../src/jobs/definition.js';
import type { CasePort, Clock, DeadlinePort, OrgPort, StagePort } from '../src/jobs/ports.js';

/**
 * Records a case entering or leaving a pathway stage in the stage history, and marks met the
 * deadlines whose work that start or end completes (the rules' `metWhen`). Job type of the
 * execution listeners on every stage subprocess of bpmn/sote-tyoparipolku.bpmn (`pathway-stage`):
 * the start listener enters the stage, the end listener leaves it. A plain service task of this
 * type (no listener) enters the stage.
 */
export const jobType = 'pathway-stage';

export const description = 'Record the case entering (start listener) or leaving (end listener) a pathway stage';

export const Input = z.object({
  caseId: z.uuid(),
  /** Set by each stage subprocess's local input mapping. */
  stage: z.enum(STAGE_CODES),
});

export const Output = z.object({});

export type Input = z.infer<typeof Input>;
export type Output = z.infer<typeof Output>;

export interface Deps {
  clock: Clock;
  cases: Pick<CasePort, 'getCase'>;
  stages: Pick<StagePort, 'enterStage' | 'leaveStage'>;
  deadlines: Pick<DeadlinePort, 'markDeadlinesMet'>;
  org: Pick<OrgPort, 'listDeadlineRules'>;
}

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  const event = { caseId: input.caseId, stage: input.stage, at: deps.clock.now(), jobKey: job.jobKey };
  if (job.listenerEventType === 'END') {
    // Leaving a stage the case is no longer in (it was closed, or moved on) is a no-op.
    await deps.stages.leaveStage(event);
  } else {
    // A closed case has no current stage. Entering one after closing (a listener racing the client's
    // withdrawal) is dropped rather than raised as an incident that would block the closing path.
    const found = await deps.cases.getCase(input.caseId);
    if (found?.closedAt) return {};
    await deps.stages.enterStage(event);
  }
  // Its own change, after the stage's: a redelivery repeats both, and met deadlines keep their first time.
  const stageEvent = job.listenerEventType === 'END' ? 'END' : 'START';
  const rules = await deps.org.listDeadlineRules();
  const met = rules.filter((r) => r.metWhen?.stage === input.stage && r.metWhen.event === stageEvent).map((r) => r.id);
  if (met.length > 0) await deps.deadlines.markDeadlinesMet({ caseId: input.caseId, ruleIds: met, at: event.at });
  return {};
}
