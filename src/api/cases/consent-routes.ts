import { Router } from 'express';
import type { Knex } from 'knex';
import { caseIdInPath } from './case-id-in-path.js';
import { auditActorOf, checkCaseRead, readCaseAudited } from '../../audit/case-read.js';
import { TEAM_ROLES } from '../../auth/app-roles.js';
import { principalFrom, requireRole } from '../../auth/require-role.js';
import { ApiProblem } from '../../http/problem.js';
import { withAuditActor } from '../../store/audit-repository.js';
import { listConsents, withdrawConsents, type ConsentRow } from '../../store/consent-repository.js';

/**
 * The client's consents to share data between the social and health registers (domain.md §2):
 * GET /cases/:id/consents lists them, given and withdrawn; POST /cases/:id/consent-withdrawals
 * records that the client withdraws consent, which they may do at any time. From that moment the
 * other register reads the case only on a recorded legal basis; what was read before stays read.
 */
export function consentRoutes(deps: { knex: Knex }): Router {
  const router = Router();

  router.get('/cases/:id/consents', requireRole(...TEAM_ROLES), async (req, res) => {
    const caseId = caseIdInPath(req.params);
    await readCaseAudited(deps.knex, principalFrom(req), caseId, 'case');
    res.json({ caseId, consents: (await listConsents(deps.knex, caseId)).map(consentJson) });
  });

  router.post('/cases/:id/consent-withdrawals', requireRole(...TEAM_ROLES), async (req, res) => {
    const caseId = caseIdInPath(req.params);
    if (req.body && Object.keys(req.body as object).length > 0) {
      throw new ApiProblem(400, 'A consent withdrawal takes no body: it withdraws every consent of the case in force');
    }
    const principal = principalFrom(req);
    const { access } = await checkCaseRead(deps.knex, principal, caseId, 'case');
    const withdrawn = await withAuditActor(deps.knex, auditActorOf(principal), access.basis, (trx) =>
      withdrawConsents(trx, { caseId, at: new Date() }),
    );
    if (withdrawn.length === 0) throw new ApiProblem(409, `Case '${caseId}' has no consent in force to withdraw`);
    res.status(201).json({ caseId, withdrawn: withdrawn.map(consentJson) });
  });

  return router;
}

function consentJson(consent: ConsentRow) {
  return {
    id: consent.id,
    scope: consent.scope,
    register: consent.register,
    givenAt: consent.givenAt.toISOString(),
    withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
  };
}
