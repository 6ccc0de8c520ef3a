import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { caseIdInPath } from './case-id-in-path.js';
import { checkCaseRead } from '../../audit/case-read.js';
import { TEAM_ROLES } from '../../auth/app-roles.js';
import { principalFrom, requireRole } from '../../auth/require-role.js';
import type { CamundaClient } from '../../camunda-client.js';
import { CLIENT_EXIT_OUTCOMES } from '../../domain/outcomes.js';
import { routeCase } from '../../domain/routing.js';
import { loadRoutingData } from '../../store/org-repository.js';
import { currentStage } from '../../store/stage-repository.js';
import { engineProblem, ApiProblem, invalidRequest } from '../../http/problem.js';

/** The reasons a client leaves that `asiakkuus-paattyy` carries (process-application/README.md, Messages). */
const CLIENT_EXIT_REASONS = CLIENT_EXIT_OUTCOMES;

/**
 * A leaving published before the case's instance subscribes (its intake still starting it) is kept
 * this long, so it still closes the case; the message id keeps a second click from closing twice.
 */
const EXIT_MESSAGE_TTL_MS = 3_600_000;

const ClosureBody = z.strictObject({ closeReason: z.enum(CLIENT_EXIT_REASONS) });
/** The municipality the client moves to: its code or Finnish or Swedish name. */
const RelocationBody = z.strictObject({ municipality: z.string().trim().min(1) });
/** `urgent`: a sudden situation, for the team's consultant at once rather than the team's next meeting. */
const TeamHandlingBody = z.strictObject({ urgent: z.boolean().optional() });

/**
 * What the pair and their team tell the pathway about a case, as the messages its diagram waits
 * for: POST /cases/:id/team-handling-requests (the pair brings the case to the local team, from any
 * stage; `{ "urgent": true }` in a sudden situation, for the consultant at once) and
 * POST /cases/:id/closure (the client leaves) and POST /cases/:id/relocation (the client moves within Varha: the
 * same case goes on in the new municipality's team). All answer 202: the pathway acts on them shortly
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

  router.post('/cases/:id/relocation', requireRole(...TEAM_ROLES), async (req, res) => {
    const caseId = caseIdInPath(req.params);
    const body = RelocationBody.safeParse(req.body ?? {});
    if (!body.success) throw invalidRequest(body.error);
    const { found } = await checkCaseRead(deps.knex, principalFrom(req), caseId, 'case');
    if (found.closedAt) throw new ApiProblem(409, `Case '${caseId}' is closed`);
    if (!found.teamId || !(await currentStage(deps.knex, caseId))) {
      throw new ApiProblem(409, `A move needs the case's team and a running pathway; case '${caseId}' is not routed to a team yet`);
    }
    const routed = routeCase(body.data.municipality, await loadRoutingData(deps.knex));
    // Moving out of Varha ends the client's pathway here: that is a closure (MOVED_AWAY), not a move.
    if (!routed.ok) {
      throw new ApiProblem(
        422,
        `No team of Varha serves municipality '${body.data.municipality}'; a move out of Varha is a closure (MOVED_AWAY)`,
      );
    }
    if (routed.teamId === found.teamId)
      throw new ApiProblem(409, `Case '${caseId}' is already in team '${found.teamId}', which serves '${body.data.municipality}'`);
    await deps.camunda
      .publishMessage({
        name: 'asiakas-muuttaa',
        correlationKey: caseId,
        timeToLive: 0,
        variables: { newMunicipality: routed.municipalityCode },
      })
      .catch((error: unknown) => {
        throw engineProblem(`The move of case ${caseId} could not be told to its pathway`, error);
      });
    res
      .status(202)
      .location(`${req.baseUrl}/cases/${caseId}`)
      .json({ caseId, municipality: routed.municipalityCode, teamId: routed.teamId });
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
