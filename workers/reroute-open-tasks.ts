import { z } from 'zod';
import { movedCandidates } from '../src/domain/task-rerouting.js';
import type { JobContext } from '../src/jobs/definition.js';
import type { UserTaskPort } from '../src/jobs/ports.js';

/**
 * After a move within Varha, gives the case's open user tasks to the new team: a task opened
 * before the move (of the pathway or of a called process) would otherwise keep the old team's
 * candidate groups, and the old pair as candidate users, until it is completed. Changes each by
 * PATCH /v2/user-tasks/{key}, which a cluster serves as the embedded engine does; a task already
 * moved is left alone, so a redelivered job changes nothing. Job type used by
 * process-application/bpmn/sote-tyoparipolku.bpmn (`reroute-open-tasks`).
 */
export const jobType = 'reroute-open-tasks';

export const description = 'Give the case’s open user tasks to the new team and pair after a move within Varha';

const Id = z.string().min(1);

export const Input = z.object({
  caseId: z.uuid(),
  /** Local to the relocation: the team, region, pair and consultant as they were when the move started. */
  previousTeamId: Id,
  previousRegionId: Id.nullish(),
  previousPairNurseId: Id.nullish(),
  previousPairSocialWorkerId: Id.nullish(),
  previousConsultantId: Id.nullish(),
  teamId: Id,
  regionId: Id.nullish(),
  pairNurseId: Id.nullish(),
  pairSocialWorkerId: Id.nullish(),
  consultantId: Id.nullish(),
});

export const Output = z.object({
  /** How many open tasks this job gave to the new team. */
  openTasksRerouted: z.number().int().min(0),
});

export type Input = z.infer<typeof Input>;
export type Output = z.infer<typeof Output>;

export interface Deps {
  userTasks: UserTaskPort;
}

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  const move = {
    fromTeamId: input.previousTeamId,
    toTeamId: input.teamId,
    fromRegionId: input.previousRegionId ?? null,
    toRegionId: input.regionId ?? null,
    users: [
      [input.previousPairNurseId ?? null, input.pairNurseId ?? null],
      [input.previousPairSocialWorkerId ?? null, input.pairSocialWorkerId ?? null],
      [input.previousConsultantId ?? null, input.consultantId ?? null],
    ] as const,
  };
  let openTasksRerouted = 0;
  for (const task of await deps.userTasks.openUserTasks(job.processInstanceKey)) {
    const moved = movedCandidates(task, move);
    if (moved === null) continue;
    await deps.userTasks.updateCandidates(task.userTaskKey, moved);
    openTasksRerouted++;
  }
  return { openTasksRerouted };
}
