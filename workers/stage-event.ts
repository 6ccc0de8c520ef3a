import { z } from 'zod';
import { deadlineEventsAt } from '../src/domain/deadline-events.js';
import { deadlinesStartedBy } from '../src/domain/deadlines.js';
import { finnishDate } from '../src/domain/finnish-time.js';
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
  deadlines: Pick<DeadlinePort, 'markDeadlinesMet' | 'recordDeadlines'>;
  org: Pick<OrgPort, 'listDeadlineRules'>;
}

export type StageEvent = 'START' | 'END';

/**
 * Records the case entering (START) or leaving (END) the stage, marks met the deadlines whose
 * work that start or end completes (the rules' `metWhen`), and starts the deadlines of the
 * pathway moment it is (src/domain/deadline-events.ts: the plan made, the care need assessed).
 */
export async function recordStageEvent(stageEvent: StageEvent, input: Input, deps: Deps, job: JobContext): Promise<Output> {
  const event = { caseId: input.caseId, stage: input.stage, at: deps.clock.now(), jobKey: job.jobKey };
  const found = await deps.cases.getCase(input.caseId);
  if (stageEvent === 'END') {
    // Leaving a stage the case is no longer in (it was closed, or moved on) is a no-op.
    await deps.stages.leaveStage(event);
  } else {
    // A closed case has no current stage. Entering one after closing (a listener racing the client's
    // withdrawal) is dropped rather than raised as an incident that would block the closing path.
    if (found?.closedAt) return {};
    await deps.stages.enterStage(event);
  }
  // Their own changes, after the stage's: a redelivery repeats them all, met deadlines keep their
  // first time, and deadlines started once by this job are not started again.
  const rules = await deps.org.listDeadlineRules();
  const met = rules.filter((r) => r.metWhen?.stage === input.stage && r.metWhen.event === stageEvent).map((r) => r.id);
  if (met.length > 0) await deps.deadlines.markDeadlinesMet({ caseId: input.caseId, ruleIds: met, at: event.at, jobKey: job.jobKey });
  if (!found || found.closedAt) return {};
  const started = deadlinesStartedBy({
    rules,
    attributes: found.attributes,
    events: deadlineEventsAt(input.stage, stageEvent),
    eventDate: finnishDate(event.at),
    caseOpenedOn: finnishDate(found.openedAt),
  });
  if (started.length > 0) await deps.deadlines.recordDeadlines({ caseId: input.caseId, jobKey: job.jobKey, deadlines: started });
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
