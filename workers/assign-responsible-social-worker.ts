import { z } from 'zod';
import { finnishDate } from '../src/domain/finnish-time.js';
import type { Professional } from '../src/domain/organisation.js';
import { chooseResponsibleSocialWorker } from '../src/domain/responsible-social-worker.js';
import { ROLE_LABELS } from '../src/domain/roles.js';
import { memberProblem } from '../src/domain/team-member-check.js';
import { BusinessError, InvalidInputError, type JobContext } from '../src/jobs/definition.js';
import type { Clock, OrgPort, PairPort, ResponsibleSocialWorkerPort } from '../src/jobs/ports.js';

/**
 * Adds the responsible sosiaalityöntekijä beside the work pair once a social worker has confirmed
 * the client's special need for support (SHL 42 §), by the rules of
 * src/domain/responsible-social-worker.ts, or the one the team's social-side lead named by hand.
 * The pair is never re-formed. Job type used by process-application/bpmn/vastuusosiaalityontekija.bpmn
 * (`assign-responsible-social-worker`).
 */
export const jobType = 'assign-responsible-social-worker';

export const description =
  'Add the responsible sosiaalityöntekijä beside the work pair (SHL 42 §), or validate the one the social-side lead named';

export const Input = z.object({
  caseId: z.uuid(),
  teamId: z.string().min(1),
  /** Named by the social-side lead after NO_SOCIAL_WORKER_AVAILABLE. */
  manualResponsibleSocialWorkerId: z.string().min(1).nullish(),
});

export const Output = z.object({
  responsibleSocialWorkerId: z.string(),
});

export type Input = z.infer<typeof Input>;
export type Output = z.infer<typeof Output>;

export interface Deps {
  clock: Clock;
  org: Pick<OrgPort, 'pairingCandidates' | 'listProfessionals'>;
  pairs: Pick<PairPort, 'pairHistory'>;
  responsibleSocialWorkers: Pick<ResponsibleSocialWorkerPort, 'assignResponsibleSocialWorker' | 'responsibleSocialWorkerHistory'>;
}

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  const history = await deps.responsibleSocialWorkers.responsibleSocialWorkerHistory(input.caseId);
  // A redelivered job answers what its first delivery assigned, whatever the loads are now.
  const assigned = history.find((r) => r.jobKey === job.jobKey);
  if (assigned) return { responsibleSocialWorkerId: assigned.professionalId };

  const manual = input.manualResponsibleSocialWorkerId != null;
  const professionalId = manual ? await validateNamed(input, deps) : await choose(input, deps, history.at(-1)?.professionalId ?? null);
  const row = await deps.responsibleSocialWorkers.assignResponsibleSocialWorker({
    caseId: input.caseId,
    professionalId,
    at: deps.clock.now(),
    jobKey: job.jobKey,
    manual,
  });
  return { responsibleSocialWorkerId: row.professionalId };
}

async function choose(input: Input, deps: Deps, previousId: string | null): Promise<string> {
  const pair = (await deps.pairs.pairHistory(input.caseId)).find((p) => p.releasedAt === null);
  if (!pair)
    throw new InvalidInputError(`caseId: case '${input.caseId}' has no active work pair to add a responsible social worker beside`);
  const result = chooseResponsibleSocialWorker({
    teamId: input.teamId,
    today: finnishDate(deps.clock.now()),
    candidates: await deps.org.pairingCandidates(input.teamId),
    pairSocialWorkerId: pair.socialWorkerId,
    previousId,
  });
  if (!result.ok) {
    throw await noneAvailable(
      input,
      deps,
      `No sosiaalityöntekijä available in team '${input.teamId}'; the social-side lead names one`,
      null,
    );
  }
  return result.professionalId;
}

/** The social-side lead's choice: an active sosiaalityöntekijä of the case's team, or back to them with what is wrong. */
async function validateNamed(input: Input, deps: Deps): Promise<string> {
  const id = input.manualResponsibleSocialWorkerId!;
  const staff = new Map((await deps.org.listProfessionals()).map((p) => [p.id, p]));
  const problem = memberProblem('manualResponsibleSocialWorkerId', staff.get(id), id, input.teamId, ['SOCIAL_WORKER']);
  if (problem)
    throw await noneAvailable(input, deps, `The social worker named for team '${input.teamId}' cannot be used: ${problem}`, problem);
  return id;
}

async function noneAvailable(input: Input, deps: Deps, message: string, problem: string | null): Promise<BusinessError> {
  const option = (p: Professional) => ({ label: `${p.displayName} (${ROLE_LABELS[p.role]})`, value: p.id });
  const socialWorkers = (await deps.org.listProfessionals()).filter(
    (p) => p.teamId === input.teamId && p.active && p.role === 'SOCIAL_WORKER',
  );
  return new BusinessError('NO_SOCIAL_WORKER_AVAILABLE', message, {
    responsibleSocialWorkerProblem: problem,
    responsibleSocialWorkerOptions: socialWorkers.map(option),
  });
}
