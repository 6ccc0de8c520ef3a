import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { principalFrom, requireRole } from '../auth/require-role.js';
import type { CamundaClient } from '../jobs/runtime.js';
import { authoriseCaseRead } from '../security/case-access.js';
import type { IdentityCipher } from '../security/identity-cipher.js';
import { logReads } from '../store/audit-repository.js';
import { getCase, type CaseRow } from '../store/case-repository.js';
import { readIdentity } from '../store/identity-repository.js';
import { loadCaseView } from './case-view.js';
import { identityVisibleTo, type CaseViewAccess } from './case-view-access.js';
import { activeElements, caseDiagram, decisionVariables } from './case-view-engine.js';
import { HttpProblem, invalidRequest } from './problem.js';

const CaseIdParam = z.object({ caseId: z.uuid({ error: 'not a case id (a UUID)' }) });

interface Deps {
  knex: Knex;
  camunda: CamundaClient;
  identityCipher: IdentityCipher;
}

/**
 * The case page's data: GET /case-view/:caseId (the read model's case, its current elements and
 * decisions, and the client's identity for the pair and team) and GET /case-view/:caseId/diagram
 * (the BPMN with the active elements). Every read is written to the audit log.
 */
export function caseViewRoutes(deps: Deps): Router {
  const router = Router();
  router.use('/case-view', requireRole());

  router.get('/case-view/:caseId', async (req, res) => {
    const { found, access } = await openCase(req, deps.knex);
    const view = await loadCaseView(deps.knex, deps.camunda, found.caseId);
    if (!view) throw new HttpProblem(404, `No case '${found.caseId}'`);
    const key = found.processInstanceKey;
    const [elements, decisions, identity] = await Promise.all([
      key ? activeElements(deps.camunda, key) : [],
      key ? decisionVariables(deps.camunda, key) : {},
      access.identity ? readIdentity(deps.knex, deps.identityCipher, found.caseId) : undefined,
    ]);
    await audit(deps.knex, req, found, access, identity ? ['case', 'case_identities'] : ['case']);
    res.set('Cache-Control', 'no-store').json({
      ...view,
      activeElements: elements,
      decisions,
      identity: identity ? { name: identity.fullName, henkilotunnus: identity.henkilotunnus } : null,
      identityVisible: access.identity,
    });
  });

  router.get('/case-view/:caseId/diagram', async (req, res) => {
    const { found, access } = await openCase(req, deps.knex);
    if (!found.processInstanceKey) throw new HttpProblem(404, `Case '${found.caseId}' has no process instance yet`);
    // Where the case stands in its pathway is case data too.
    await audit(deps.knex, req, found, access, ['case']);
    res.set('Cache-Control', 'no-store').json(await caseDiagram(deps.camunda, found.processInstanceKey));
  });

  return router;
}

/** The case named in the path, when the signed-in user may open it: 404 for no case, 403 for someone else's. */
async function openCase(req: Request, knex: Knex): Promise<{ found: CaseRow; access: CaseViewAccess }> {
  const parsed = CaseIdParam.safeParse(req.params);
  if (!parsed.success) throw invalidRequest(parsed.error, 'path');
  const found = await getCase(knex, parsed.data.caseId);
  if (!found) throw new HttpProblem(404, `No case '${parsed.data.caseId}'`);
  const principal = principalFrom(req);
  const access = await authoriseCaseRead(knex, principal, found);
  return { found, access: { ...access, identity: identityVisibleTo(principal) } };
}

async function audit(knex: Knex, req: Request, found: CaseRow, access: CaseViewAccess, resources: string[]): Promise<void> {
  const principal = principalFrom(req);
  await logReads(
    knex,
    resources.map((resource) => ({
      actor: { id: principal.userId, role: principal.role },
      caseId: found.caseId,
      resource,
      register: access.register,
      basis: access.basis,
      basisDetail: access.basisDetail,
    })),
  );
}
