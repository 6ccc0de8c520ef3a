import { Router } from 'express';
import type { Knex } from 'knex';
import type { Principal } from '../../auth/principal.js';
import { principalFrom, requireRole } from '../../auth/require-role.js';
import { STAGE_LABELS } from '../../domain/stages.js';
import { activeCasesByStage } from '../../store/dashboard/stats.js';

/**
 * GET /stats/stages: open cases per current stage, per region and team (the dashboard's main
 * table). Aggregates only, for those who manage: a manager sees their region, a team lead their team.
 */
export function statsRoutes(deps: { knex: Knex }): Router {
  const router = Router();
  router.get('/stats/stages', requireRole('MANAGER', 'TEAM_LEAD'), async (req, res) => {
    const inScope = scopeOf(principalFrom(req));
    const counts = (await activeCasesByStage(deps.knex)).filter(inScope);
    res.json({ items: counts.map((c) => ({ ...c, stageLabel: STAGE_LABELS[c.stage] })) });
  });
  return router;
}

function scopeOf(principal: Principal): (row: { regionId: string | null; teamId: string | null }) => boolean {
  if (principal.role === 'MANAGER') return (row) => row.regionId === principal.regionId;
  return (row) => row.teamId === principal.teamId;
}
