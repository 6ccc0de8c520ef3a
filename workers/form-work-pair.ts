import { z } from 'zod';
import { finnishDate } from '../src/domain/finnish-time.js';
import type { Professional } from '../src/domain/organisation.js';
import { choosePair, SOCIAL_ROLE_PREFERENCE } from '../src/domain/pairing.js';
import { ROLE_LABELS, type RoleCode } from '../src/domain/roles.js';
import { memberProblem } from '../src/domain/team-member-check.js';
import { BusinessError, type JobContext } from '../src/jobs/definition.js';
import type { Clock, OrgPort, PairPort } from '../src/jobs/ports.js';
import { CompletedBy } from '../src/jobs/completed-by.js';

/**
 * Forms the work pair (työpari) of a case: a päihdesairaanhoitaja and a social-side worker of the
 * case's team, by the rules of src/domain/pairing.ts, or the pair named by hand: the nurse by the
 * team's health-side lead, the social-side member by its social-side lead (the lines are
 * administratively separate). A special need for support does not change the pair: the
 * responsible sosiaalityöntekijä is added beside it (assign-responsible-social-worker.ts).
 * Job type used by process-application/bpmn/sote-tyoparipolku.bpmn (`form-work-pair`).
 */
export const jobType = 'form-work-pair';

export const description =
  'Form the case’s work pair (continuity first, then balanced caseloads) or validate the pair the team’s leads named by hand';

export const Input = z.object({
  /** Whoever completed the task this job follows; their writes are logged as theirs (src/jobs/completed-by.ts). */
  completedBy: CompletedBy,
  caseId: z.uuid(),
  teamId: z.string().min(1),
  /** Named by the leads after NO_PAIR_AVAILABLE (the nurse by the health-side lead, the other by the social-side lead); both or neither. */
  manualNurseId: z.string().min(1).nullish(),
  manualSocialWorkerId: z.string().min(1).nullish(),
});

export const Output = z.object({
  pairNurseId: z.string(),
  pairSocialWorkerId: z.string(),
});

export type Input = z.infer<typeof Input>;
export type Output = z.infer<typeof Output>;

export interface Deps {
  clock: Clock;
  org: Pick<OrgPort, 'pairingCandidates' | 'listProfessionals'>;
  pairs: Pick<PairPort, 'assignPair' | 'pairHistory' | 'findPreviousPair'>;
}

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  // A redelivered job answers the pair its first delivery assigned. Choosing again would count
  // that assignment in the caseloads and could pick someone else, or no one.
  const assigned = (await deps.pairs.pairHistory(input.caseId)).find((p) => p.jobKey === job.jobKey);
  if (assigned) return { pairNurseId: assigned.nurseId, pairSocialWorkerId: assigned.socialWorkerId };

  const manual = input.manualNurseId != null || input.manualSocialWorkerId != null;
  const pair = manual ? await validateManualPair(input, deps) : await choose(input, deps);
  const row = await deps.pairs.assignPair({
    caseId: input.caseId,
    nurseId: pair.nurseId,
    socialWorkerId: pair.socialWorkerId,
    at: deps.clock.now(),
    jobKey: job.jobKey,
    manual,
  });
  return { pairNurseId: row.nurseId, pairSocialWorkerId: row.socialWorkerId };
}

async function choose(input: Input, deps: Deps): Promise<{ nurseId: string; socialWorkerId: string }> {
  const result = choosePair({
    teamId: input.teamId,
    today: finnishDate(deps.clock.now()),
    candidates: await deps.org.pairingCandidates(input.teamId),
    previousPair: await deps.pairs.findPreviousPair(input.caseId),
  });
  if (!result.ok) {
    throw new BusinessError(
      'NO_PAIR_AVAILABLE',
      `No work pair available in team '${input.teamId}' (${result.reason}); the team's leads name the pair`,
      {
        pairingFailureReason: result.reason,
        manualPairProblem: null,
        ...(await pairOptions(input, deps)),
      },
    );
  }
  return result;
}

/** A choice of the naming form (form-js `valuesKey`): the professional's id, shown by name and title. */
interface PairOption {
  label: string;
  value: string;
}

/**
 * Whom the leads may name: the team's active nurses and social-side workers, as the naming
 * forms' options, so the pair is chosen, not typed.
 */
async function pairOptions(input: Input, deps: Deps): Promise<{ pairNurseOptions: PairOption[]; pairSocialWorkerOptions: PairOption[] }> {
  const team = (await deps.org.listProfessionals()).filter((p) => p.teamId === input.teamId && p.active);
  const socialRoles: readonly RoleCode[] = SOCIAL_ROLE_PREFERENCE;
  const option = (p: Professional): PairOption => ({ label: `${p.displayName} (${ROLE_LABELS[p.role]})`, value: p.id });
  return {
    pairNurseOptions: team.filter((p) => p.role === 'NURSE').map(option),
    pairSocialWorkerOptions: team.filter((p) => socialRoles.includes(p.role)).map(option),
  };
}

/**
 * The leads' choice is checked, not second-guessed: capacity and absences are theirs to
 * weigh (they name a pair precisely when the rules found none), but the people must exist, be
 * active, be of the case's team and have the roles the law and the model require. A choice that
 * fails goes back to the leads' naming tasks with what is wrong (a choice made over /v2,
 * past the form's options, say), rather than becoming an incident the leads never see.
 */
async function validateManualPair(input: Input, deps: Deps): Promise<{ nurseId: string; socialWorkerId: string }> {
  if (!input.manualNurseId || !input.manualSocialWorkerId) {
    const missing = input.manualNurseId ? 'manualSocialWorkerId' : 'manualNurseId';
    throw await invalidManualPair(input, deps, `${missing}: both members of the pair must be named`);
  }
  const staff = new Map((await deps.org.listProfessionals()).map((p) => [p.id, p]));
  const problems = [
    memberProblem('manualNurseId', staff.get(input.manualNurseId), input.manualNurseId, input.teamId, ['NURSE']),
    memberProblem(
      'manualSocialWorkerId',
      staff.get(input.manualSocialWorkerId),
      input.manualSocialWorkerId,
      input.teamId,
      SOCIAL_ROLE_PREFERENCE,
    ),
  ].filter((p) => p !== null);
  if (problems.length > 0) throw await invalidManualPair(input, deps, problems.join('; '));
  return { nurseId: input.manualNurseId, socialWorkerId: input.manualSocialWorkerId };
}

async function invalidManualPair(input: Input, deps: Deps, problem: string): Promise<BusinessError> {
  return new BusinessError('NO_PAIR_AVAILABLE', `The pair named for team '${input.teamId}' cannot be used: ${problem}`, {
    pairingFailureReason: 'MANUAL_PAIR_INVALID',
    manualPairProblem: problem,
    ...(await pairOptions(input, deps)),
  });
}
