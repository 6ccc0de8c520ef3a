import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { caseIdInPath } from './case-id-in-path.js';
import { checkCaseRead } from '../../audit/case-read.js';
import { TEAM_ROLES } from '../../auth/app-roles.js';
import { principalFrom, requireRole } from '../../auth/require-role.js';
import type { CamundaClient } from '../../camunda-client.js';
import { currentStage } from '../../store/stage-repository.js';
import { engineProblem, ApiProblem, invalidRequest } from '../../http/problem.js';

/** The reasons a client leaves that `asiakkuus-paattyy` carries (process-application/README.md, Messages). */
const CLIENT_EXIT_REASONS = ['CLIENT_WITHDREW', 'MOVED_AWAY', 'DIED'] as const;

/**
 * A leaving published before the case's instance subscribes (its intake still starting it) is kept
 * this long, so it still closes the case; the message id keeps a second click from closing twice.
 */
const EXIT_MESSAGE_TTL_MS = 3_600_000;

const ClosureBody = z.strictObject({ closeReason: z.enum(CLIENT_EXIT_REASONS) });
/** `urgent`: a sudden situation, for the team's consultant at once rather than the team's next meeting. */
const TeamHandlingBody = z.strictObject({ urgent: z.boolean().optional() });

/**
 * What the pair and their team tell the pathway about a case, as the messages its diagram waits
 * for: POST /cases/:id/team-handling-requests (the pair brings the case to the local team, from any
 * stage; `{ "urgent": true }` in a sudden situation, for the consultant at once) and
 * POST /cases/:id/closure (the client leaves). Both answer 202: the pathway acts on them shortly
 * after, and the case shows it. Only those who may read the case may tell its pathway anything.
 */
export function caseEventRoutes(deps: { knex: Knex; camunda: CamundaClient }): Router {
  const router = Router();

  router.post('/cases/:id/team-handling-requests', requireRole(...TEAM_ROLES), async (req, res) => {
    const caseId = caseIdInPath(req.params);
    const body = TeamHandlingBody.safeParse(req.body ?? {});
    if (!body.success) throw invalidRequest(body.error);
    const { found } = await checkCaseRead(deps.knex, principalFrom(req), caseId, 'case');
    if (found.closedAt) throw new ApiProblem(409, `Case '${caseId}' is closed`);
    // The diagram listens in every stage (process-application/README.md, Messages), but the team handling needs
    // the case's team, and a request published with no time to live before the pathway runs would vanish unheard.
    const stage = (await currentStage(deps.knex, caseId))?.stage;
    if (!stage || !found.teamId) {
      throw new ApiProblem(409, `Team handling needs the case's team and a running pathway; case '${caseId}' is not routed to a team yet`);
    }
    const urgentTeamRequest = body.data.urgent ?? false;
    await deps.camunda
      .publishMessage({ name: 'tiimikasittely-pyydetty', correlationKey: caseId, timeToLive: 0, variables: { urgentTeamRequest } })
      .catch((error: unknown) => {
        throw engineProblem(`The team handling of case ${caseId} could not be requested`, error);
      });
    res.status(202).json({ caseId, requested: 'tiimikasittely-pyydetty', urgent: urgentTeamRequest });
  });

  router.post('/cases/:id/closure', requireRole(...TEAM_ROLES), async (req, res) => {
    const caseId = caseIdInPath(req.params);
    const body = ClosureBody.safeParse(req.body ?? {});
    if (!body.success) throw invalidRequest(body.error);
    const { found } = await checkCaseRead(deps.knex, principalFrom(req), caseId, 'case');
    if (found.closedAt) throw new ApiProblem(409, `Case '${caseId}' is closed already (${found.outcome ?? 'no outcome'})`);
    await deps.camunda
      .publishMessage({
        name: 'asiakkuus-paattyy',
        correlationKey: caseId,
        messageId: `asiakkuus-paattyy:${caseId}`,
        timeToLive: EXIT_MESSAGE_TTL_MS,
        variables: { closeReason: body.data.closeReason },
      })
      .catch((error: unknown) => {
        // The same leaving told twice: the first one stands, and it is on its way.
        if (isAlreadyPublished(error)) return;
        throw engineProblem(`The leaving of case ${caseId} could not be told to its pathway`, error);
      });
    res.status(202).location(`${req.baseUrl}/cases/${caseId}`).json({ caseId, closeReason: body.data.closeReason });
  });

  return router;
}

function isAlreadyPublished(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 409;
}
