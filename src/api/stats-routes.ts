import { Router } from 'express';
import type { Knex } from 'knex';
import { STAGE_LABELS } from '../domain/stages.js';
import { activeCasesByStage } from '../store/stats-repository.js';

/** GET /stats/stages: open cases per current stage, per region and team (the dashboard's main table). */
export function statsRoutes(deps: { knex: Knex }): Router {
  const router = Router();
  router.get('/stats/stages', async (_req, res) => {
    const counts = await activeCasesByStage(deps.knex);
    res.json({ items: counts.map((c) => ({ ...c, stageLabel: STAGE_LABELS[c.stage] })) });
  });
  return router;
}
