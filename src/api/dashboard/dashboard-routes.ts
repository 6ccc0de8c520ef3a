import { Router } from 'express';
import type { Knex } from 'knex';
import { requireRole } from '../../auth/require-role.js';
import { ROLE_LABELS } from '../../domain/roles.js';
import { STAGE_CODES, STAGE_LABELS } from '../../domain/stages.js';
import type { CamundaClient } from '../../camunda-client.js';
import { pairCaseloads } from '../../store/dashboard/caseloads.js';
import { deadlineBreaches } from '../../store/dashboard/deadlines.js';
import { openCaseInstanceKeys } from '../../store/dashboard/instances.js';
import { activeCasesPerStage, stageDurations } from '../../store/dashboard/stages.js';
import { listRegions, listTeams } from '../../store/org-repository.js';
import { parseDashboardFilter } from './filter-query.js';
import { diagramHeatmap } from './heatmap.js';
import { groupQueues } from './queues.js';
import { stalledIntakes } from './stalled-intakes.js';
import { engineProblem, ApiProblem } from '../../http/problem.js';

const stageOrder = (stage: string) => (STAGE_CODES as readonly string[]).indexOf(stage);

/**
 * GET /dashboard/*: the manager's figures, aggregates only (no client, no case id), for managers
 * (their region's), team leads (their team's) and administrators; the one list of cases is the
 * intakes the reconciler could not start (stalled-intakes.ts), by pseudonymous id, for the team lead to act on. Each takes the filter `regionId`, `teamId`,
 * `from`, `to` (see filter-query.ts). Shapes in src/api/README.md.
 */
export function dashboardRoutes(deps: { knex: Knex; camunda: CamundaClient }): Router {
  const { knex } = deps;
  const router = Router();
  router.use('/dashboard', requireRole('MANAGER', 'ADMIN', 'TEAM_LEAD'));

  router.get('/dashboard/options', async (_req, res) => {
    const [regions, teams] = await Promise.all([listRegions(knex), listTeams(knex)]);
    res.json({
      regions: regions.map((r) => ({ id: r.id, name: r.name, groupName: r.groupName })),
      teams: teams.map((t) => ({ id: t.id, name: t.name, regionId: t.regionId })),
      stages: STAGE_CODES.map((stage) => ({ stage, label: STAGE_LABELS[stage] })),
    });
  });

  router.get('/dashboard/active-cases', async (req, res) => {
    const items = await activeCasesPerStage(knex, await parseDashboardFilter(knex, req));
    res.json({ items: items.map((i) => ({ ...i, stageLabel: STAGE_LABELS[i.stage] })) });
  });

  router.get('/dashboard/stage-durations', async (req, res) => {
    const items = await stageDurations(knex, await parseDashboardFilter(knex, req));
    items.sort((a, b) => stageOrder(a.stage) - stageOrder(b.stage));
    res.json({ items: items.map((i) => ({ ...i, stageLabel: STAGE_LABELS[i.stage] })) });
  });

  router.get('/dashboard/group-queues', async (req, res) => {
    res.json({ items: await groupQueues(knex, await parseDashboardFilter(knex, req), new Date()) });
  });

  router.get('/dashboard/caseloads', async (req, res) => {
    const people = await pairCaseloads(knex, await parseDashboardFilter(knex, req));
    res.json({ teams: teamTotals(people), people: people.map((p) => ({ ...p, roleLabel: ROLE_LABELS[p.role] })) });
  });

  router.get('/dashboard/deadline-breaches', async (req, res) => {
    res.json({ items: await deadlineBreaches(knex, await parseDashboardFilter(knex, req), new Date()) });
  });

  router.get('/dashboard/stalled-intakes', async (req, res) => {
    res.set('Cache-Control', 'no-store').json({ items: await stalledIntakes(knex, await parseDashboardFilter(knex, req)) });
  });

  router.get('/dashboard/diagram', async (req, res) => {
    const filter = await parseDashboardFilter(knex, req);
    // The engine knows no regions or teams: a filtered heatmap keeps the instances of the read model's cases.
    const scope = filter.regionId === undefined && filter.teamId === undefined ? undefined : await openCaseInstanceKeys(knex, filter);
    const heatmap = await diagramHeatmap(deps.camunda, scope).catch((error: unknown) => {
      throw engineProblem('The diagram’s active instances could not be read', error);
    });
    if (!heatmap) throw new ApiProblem(404, 'The pathway diagram has not been deployed');
    res.json(heatmap);
  });

  return router;
}

/** Per team: the capacity of its pair members and the cases they carry. */
function teamTotals(people: { teamId: string; regionId: string; capacity: number; activeCases: number }[]) {
  const teams = new Map<string, { teamId: string; regionId: string; capacity: number; activeCases: number }>();
  for (const p of people) {
    const team = teams.get(p.teamId) ?? { teamId: p.teamId, regionId: p.regionId, capacity: 0, activeCases: 0 };
    team.capacity += p.capacity;
    team.activeCases += p.activeCases;
    teams.set(p.teamId, team);
  }
  return [...teams.values()];
}
