import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { readableCasesAudited } from '../../audit/case-read.js';
import { TEAM_ROLES } from '../../auth/app-roles.js';
import { principalFrom, requireRole } from '../../auth/require-role.js';
import { STAGE_CODES, STAGE_LABELS } from '../../domain/stages.js';
import { invalidRequest } from '../../http/problem.js';
import { listTeamCases } from '../../store/cases/case-list.js';
import { listProfessionals } from '../../store/org-repository.js';

const CURSOR = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)\|([0-9a-f-]{36})$/;

const yesNo = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

const CaseListQuery = z.strictObject({
  state: z.enum(['open', 'closed', 'all'], { error: 'must be open, closed or all' }).default('open'),
  stage: z.enum(STAGE_CODES, { error: `must be one of ${STAGE_CODES.join(', ')}` }).optional(),
  mine: yesNo.default(false),
  overdue: yesNo.default(false),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  after: z
    .string()
    .transform((cursor, ctx) => {
      const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (!match) {
        ctx.addIssue({ code: 'custom', message: 'not a cursor this list gave (page.endCursor)' });
        return z.NEVER;
      }
      return { openedAt: new Date(match[1]), caseId: match[2] };
    })
    .optional(),
});

/**
 * GET /cases: the cases of the reader's team and their own, newest first, filtered by state, stage,
 * "mine" (the reader in the pair) and "overdue" (an unmet deadline past due), a page at a time
 * (`page.endCursor` → `after`). Only the cases the reader may read are listed, each listing in the
 * use log; identity is never in the list.
 */
export function caseListRoutes(deps: { knex: Knex }): Router {
  const router = Router();
  router.get('/cases', requireRole(...TEAM_ROLES), async (req, res) => {
    const query = CaseListQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error, 'query');
    const principal = principalFrom(req);
    const now = new Date();
    const rows = await listTeamCases(deps.knex, {
      ...query.data,
      teamId: principal.teamId ?? null,
      professionalId: principal.professionalId ?? null,
      now,
    });
    const readable = await readableCasesAudited(
      deps.knex,
      principal,
      rows.map((r) => r.caseId),
      'case_list',
    );
    const people = new Map((await listProfessionals(deps.knex)).map((p) => [p.id, p.displayName]));
    const person = (id: string | null) => (id === null ? null : { id, displayName: people.get(id) ?? null });
    const last = rows.at(-1);
    res.set('Cache-Control', 'no-store').json({
      items: rows
        .filter((r) => readable.has(r.caseId))
        .map((r) => ({
          caseId: r.caseId,
          municipalityCode: r.municipalityCode,
          teamId: r.teamId,
          openedAt: r.openedAt.toISOString(),
          closedAt: r.closedAt?.toISOString() ?? null,
          outcome: r.outcome,
          stage: r.stage ? { stage: r.stage, label: STAGE_LABELS[r.stage], enteredAt: r.stageEnteredAt?.toISOString() ?? null } : null,
          pair: r.nurseId && r.socialWorkerId ? { nurse: person(r.nurseId), socialWorker: person(r.socialWorkerId) } : null,
          nextDueAt: r.nextDueAt?.toISOString() ?? null,
          overdue: r.overdue,
        })),
      page: {
        endCursor:
          rows.length === query.data.limit && last
            ? Buffer.from(`${last.openedAt.toISOString()}|${last.caseId}`, 'utf8').toString('base64url')
            : null,
      },
    });
  });
  return router;
}
