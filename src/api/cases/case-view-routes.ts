import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { caseIdInPath } from './case-id-in-path.js';
import { readCaseAudited } from '../../audit/case-read.js';
import { principalFrom, requireRole } from '../../auth/require-role.js';
import type { CamundaClient } from '../../camunda-client.js';
import { mayReadIdentity } from '../../security/case-access.js';
import type { IdentityCipher } from '../../security/identity-cipher.js';
import type { CaseRow } from '../../store/case-repository.js';
import { readIdentity } from '../../store/identity-repository.js';
import { loadCaseView } from './case-view.js';
import { activeElements, caseDiagram, decisionVariables, engineStatus, whenReadable } from './case-view-engine.js';
import { ApiProblem } from '../../http/problem.js';

interface Deps {
  knex: Knex;
  camunda: CamundaClient;
  identityCipher: IdentityCipher;
}

/**
 * The case page's data: GET /case-view/:caseId (the read model's case, its current elements and
 * decisions, and the client's identity for the roles that may see it: the pair and the team) and
 * GET /case-view/:caseId/diagram (the BPMN with the active elements). Who may read a case, and
 * the use log of every read, are the security module's (readCaseAudited).
 */
export function caseViewRoutes(deps: Deps): Router {
  const router = Router();
  router.use('/case-view', requireRole());

  router.get('/case-view/:caseId', async (req, res) => {
    const found = await readCase(req, deps.knex);
    const view = await loadCaseView(deps.knex, deps.camunda, found.caseId);
    if (!view) throw new ApiProblem(404, `No case '${found.caseId}'`);
    const identityVisible = mayReadIdentity(principalFrom(req).role);
    // While the engine cannot be read, the page shows the read model and says so; no use asking again.
    const key = view.engine.available ? found.processInstanceKey : null;
    const [elements, decisions, identity] = await Promise.all([
      whenReadable(() => (key ? activeElements(deps.camunda, key) : Promise.resolve([])), []),
      whenReadable(() => (key ? decisionVariables(deps.camunda, key) : Promise.resolve({})), {}),
      identityVisible
        ? readCaseAudited(deps.knex, principalFrom(req), found.caseId, 'case_identities').then(() =>
            readIdentity(deps.knex, deps.identityCipher, found.caseId),
          )
        : undefined,
    ]);
    res.set('Cache-Control', 'no-store').json({
      ...view,
      activeElements: elements.value,
      decisions: decisions.value,
      engine: engineStatus(view.engine.available, elements.readable, decisions.readable),
      identity: identity ? { name: identity.fullName, henkilotunnus: identity.henkilotunnus } : null,
      identityVisible,
    });
  });

  router.get('/case-view/:caseId/diagram', async (req, res) => {
    const found = await readCase(req, deps.knex);
    if (!found.processInstanceKey) throw new ApiProblem(404, `Case '${found.caseId}' has no process instance yet`);
    res.set('Cache-Control', 'no-store').json(await caseDiagram(deps.camunda, found.processInstanceKey));
  });

  return router;
}

/** The case named in the path, read (and logged) for the signed-in user: 404 for no case, 403 for someone else's. */
async function readCase(req: Request, knex: Knex): Promise<CaseRow> {
  return readCaseAudited(knex, principalFrom(req), caseIdInPath(req.params, 'caseId'), 'case');
}
