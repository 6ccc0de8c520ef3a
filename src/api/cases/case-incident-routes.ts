import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { caseIdInPath } from './case-id-in-path.js';
import { retryIncident } from './case-incidents.js';
import { checkCaseRead } from '../../audit/case-read.js';
import { principalFrom, requireRole } from '../../auth/require-role.js';
import type { CamundaClient } from '../../camunda-client.js';
import { NotFound } from '../../domain/refusals.js';
import { engineProblem, ApiProblem, invalidRequest } from '../../http/problem.js';

const IncidentKeyParam = z.object({ incidentKey: z.string().regex(/^\d{1,19}$/, { error: 'not an incident key (digits)' }) });

/**
 * POST /cases/:id/incidents/:incidentKey/retry: the team lead, who may read the case, has what failed
 * tried again (Operate's retry) once its cause is put right — a person back from absence, an
 * organisation row fixed in the admin pages. 204; 404 when the case has no such open incident.
 */
export function caseIncidentRoutes(deps: { knex: Knex; camunda: CamundaClient }): Router {
  const router = Router();
  router.post('/cases/:id/incidents/:incidentKey/retry', requireRole('TEAM_LEAD'), async (req, res) => {
    const caseId = caseIdInPath(req.params);
    const params = IncidentKeyParam.safeParse(req.params);
    if (!params.success) throw invalidRequest(params.error, 'path');
    const { found } = await checkCaseRead(deps.knex, principalFrom(req), caseId, 'case');
    if (!found.processInstanceKey) throw new ApiProblem(404, `Asian ${caseId} polku ei ole vielä käynnissä, joten sillä ei ole häiriöitä.`);
    await retryIncident(deps.camunda, found.processInstanceKey, params.data.incidentKey).catch((error: unknown) => {
      if (error instanceof NotFound) throw error;
      throw engineProblem(`The incident ${params.data.incidentKey} of case ${caseId} could not be retried`, error);
    });
    res.status(204).end();
  });
  return router;
}
