import { z } from 'zod';
import { STAGE_CODES } from '../src/domain/stages.js';
import { InvalidInputError, type JobContext } from '../src/jobs/definition.js';
import type { CasePort, Clock, DeadlinePort, OrgPort, StagePort } from '../src/jobs/ports.js';

/** What the stage jobs read: the stage is set by each stage subprocess's local input mapping. */
export const Input = z.object({
  caseId: z.uuid(),
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

export type StageEvent = 'START' | 'END';

/**
 * Records the case entering (START) or leaving (END) the stage, and marks met the deadlines whose
 * work that start or end completes (the rules' `metWhen`).
 */
export async function recordStageEvent(stageEvent: StageEvent, input: Input, deps: Deps, job: JobContext): Promise<Output> {
  const event = { caseId: input.caseId, stage: input.stage, at: deps.clock.now(), jobKey: job.jobKey };
  if (stageEvent === 'END') {
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
  const rules = await deps.org.listDeadlineRules();
  const met = rules.filter((r) => r.metWhen?.stage === input.stage && r.metWhen.event === stageEvent).map((r) => r.id);
  if (met.length > 0) await deps.deadlines.markDeadlinesMet({ caseId: input.caseId, ruleIds: met, at: event.at });
  return {};
}

/**
 * The job type says the event; a listener the engine reports on the other event is a diagram
 * mistake (an enter job on an end listener), which would record the stage backwards. Engines
 * that report no event (Zeebe before 8.6 sends no listenerEventType) pass.
 */
export function refuseListenerOfOtherEvent(jobType: string, expected: StageEvent, job: JobContext): void {
  const other: StageEvent = expected === 'START' ? 'END' : 'START';
  if (job.listenerEventType !== other) return;
  throw new InvalidInputError(
    `Job type ${jobType} is on the ${other.toLowerCase()} listener of ${job.elementId}; ` +
      `use ${expected === 'START' ? 'pathway-stage-leave' : 'pathway-stage-enter'} there, or move this listener to the ${expected.toLowerCase()} event`,
  );
}
