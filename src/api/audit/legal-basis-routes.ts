import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { recordLegalBasis } from '../../store/legal-basis-repository.js';
import { auditActorOf, readCaseAudited } from '../../audit/case-read.js';
import { TEAM_ROLES } from '../../auth/app-roles.js';
import { principalFrom, requireRole } from '../../auth/require-role.js';
import { withAuditActor } from '../../store/audit-repository.js';
import { invalidRequest } from '../../http/problem.js';

const CaseIdParam = z.object({ id: z.uuid({ error: 'not a case id (a UUID)' }) });
const LegalBasisBody = z.strictObject({
  /** The provision that gives the right to obtain the data, e.g. 'SHL 1301/2014 41 §'. */
  statute: z.string().trim().min(3).max(200),
  reason: z.string().trim().min(3).max(2000),
});

/**
 * POST /cases/:id/legal-bases: records that the case's data may be read in the other register
 * without the client's consent, naming the statute and why (domain.md §2). Recorded by a
 * caseworker of the register that holds the data and who may read the case: the side that
 * discloses decides, not the side that wants to read.
 */
export function legalBasisRoutes(deps: { knex: Knex }): Router {
  const router = Router();
  router.post('/cases/:id/legal-bases', requireRole(...TEAM_ROLES), async (req, res) => {
    const params = CaseIdParam.safeParse(req.params);
    if (!params.success) throw invalidRequest(params.error, 'path');
    const body = LegalBasisBody.safeParse(req.body);
    if (!body.success) throw invalidRequest(body.error);
    const principal = principalFrom(req);
    const found = await readCaseAudited(deps.knex, principal, params.data.id, 'case');
    const to = found.register === 'SOCIAL' ? 'HEALTH' : 'SOCIAL';
    const recorded = await withAuditActor(deps.knex, auditActorOf(principal), 'WORK_TASK', (trx) =>
      recordLegalBasis(trx, {
        caseId: found.caseId,
        from: found.register,
        to,
        statute: body.data.statute,
        reason: body.data.reason,
        recordedBy: principal.userId,
      }),
    );
    res.status(201).json({
      id: recorded.id,
      caseId: recorded.caseId,
      from: recorded.from,
      to: recorded.to,
      statute: recorded.statute,
      recordedAt: recorded.recordedAt.toISOString(),
    });
  });
  return router;
}
