import { Router } from 'express';
import { SERVICE_LANGUAGE_CODES } from '../../domain/service-language.js';
import type { Knex } from 'knex';
import { z } from 'zod';
import { caseIdInPath } from './case-id-in-path.js';
import { auditActorOf, readCaseAudited } from '../../audit/case-read.js';
import { TEAM_ROLES } from '../../auth/app-roles.js';
import { principalFrom, requireRole } from '../../auth/require-role.js';
import type { CamundaClient } from '../../camunda-client.js';
import type { IdentityCipher } from '../../security/identity-cipher.js';
import { openCaseFromReferral, PathwayNotStarted } from '../../intake/open-case.js';
import { readIdentity } from '../../store/identity-repository.js';
import { loadCaseView } from './case-view.js';
import { isValidHenkilotunnus } from '../../domain/henkilotunnus.js';
import { engineFailure, ApiProblem, invalidRequest } from '../../http/problem.js';

/** How far ahead of this server's clock a referral's receipt time may be: clocks differ a little. */
const CLOCK_SKEW_MS = 5 * 60_000;

const OpenCaseBody = z.strictObject({
  /** Official code ('853') or Finnish or Swedish name. */
  municipality: z.union([z.string().trim().min(1).max(100), z.number().int().nonnegative()]),
  // Stored in the app database only (case_referrals): the reason is free text about the client.
  referral: z.strictObject({
    source: z.string().trim().min(1).max(200),
    reason: z.string().trim().min(1).max(4000),
    /** When the matter became pending (vireilletulo): the deadlines count from its day. Default: now. */
    receivedAt: z.iso
      .datetime({ offset: true })
      .refine((at) => Date.parse(at) <= Date.now() + CLOCK_SKEW_MS, { error: 'must not be in the future' })
      .optional(),
  }),
  /** The yes/no facts the deadline rules depend on (domain.md §1); absent means no. */
  attributes: z
    .strictObject({
      urgent: z.boolean().optional(),
      ageOver75: z.boolean().optional(),
      highestCareAllowance: z.boolean().optional(),
      childWithSpecialSupport: z.boolean().optional(),
      pregnant: z.boolean().optional(),
    })
    .default({}),
  /** Erityisen tuen tarve (SHL 42 §). */
  specialSupportNeed: z.boolean().default(false),
  /** The client's service language (domain.md R15); Finnish unless the client chose Swedish. */
  serviceLanguage: z.enum(SERVICE_LANGUAGE_CODES).default('fi'),
  /** Another team that serves the municipality, named by the referring unit (Turku's areas). */
  teamHint: z.string().trim().min(1).max(100).optional(),
  /** Kept in the app database only; never a process variable. */
  identity: z.strictObject({
    name: z.string().trim().min(1).max(200),
    henkilotunnus: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isValidHenkilotunnus, { error: 'not a valid henkilötunnus (DDMMYYCZZZQ with a real date and the right check character)' }),
  }),
});

/**
 * POST /cases (a team's caseworker opens a case from a referral), GET /cases/:id and
 * GET /cases/:id/identity (for those who may read the case: src/security/case-access.ts). Every
 * read and write is in the use log under the signed-in user.
 */
export function caseRoutes(deps: { knex: Knex; camunda: CamundaClient; identityCipher: IdentityCipher }): Router {
  const router = Router();

  router.post('/cases', requireRole(...TEAM_ROLES), async (req, res) => {
    const parsed = OpenCaseBody.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error);
    const opened = await openCaseFromReferral(deps, parsed.data, auditActorOf(principalFrom(req))).catch((error: unknown) => {
      if (error instanceof PathwayNotStarted) throw engineFailure(error.message, error.cause);
      throw error;
    });
    res.status(201).location(`${req.baseUrl}/cases/${opened.caseId}`).json(opened);
  });

  router.get('/cases/:id', requireRole(), async (req, res) => {
    const caseId = caseIdInPath(req.params);
    await readCaseAudited(deps.knex, principalFrom(req), caseId, 'case');
    const view = await loadCaseView(deps.knex, deps.camunda, caseId);
    if (!view) throw new ApiProblem(404, `No case '${caseId}'`);
    res.set('Cache-Control', 'no-store').json(view);
  });

  router.get('/cases/:id/identity', requireRole(), async (req, res) => {
    const caseId = caseIdInPath(req.params);
    await readCaseAudited(deps.knex, principalFrom(req), caseId, 'case_identities');
    const identity = await readIdentity(deps.knex, deps.identityCipher, caseId);
    if (!identity) throw new ApiProblem(404, `Case '${caseId}' has no identity recorded`);
    res.set('Cache-Control', 'no-store').json({ caseId: identity.caseId, name: identity.fullName, henkilotunnus: identity.henkilotunnus });
  });

  return router;
}
