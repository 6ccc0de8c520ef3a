import { Router } from 'express';
import type { Knex } from 'knex';
import { TEAM_ROLES } from '../../auth/app-roles.js';
import { requireRole } from '../../auth/require-role.js';
import { listMunicipalities, listTeams } from '../../store/org-repository.js';

/**
 * GET /intake/options: what the intake page offers a team's caseworker — the municipalities by
 * their Finnish and Swedish names, each with the team that serves it by default and the other
 * teams a referring unit may name (Turku's areas), and the teams' names.
 */
export function intakeOptionsRoutes(deps: { knex: Knex }): Router {
  const router = Router();
  router.get('/intake/options', requireRole(...TEAM_ROLES), async (_req, res) => {
    const [municipalities, teams] = await Promise.all([listMunicipalities(deps.knex), listTeams(deps.knex)]);
    res.json({
      municipalities: municipalities
        .map((m) => ({ code: m.code, name: m.name, swedishName: m.swedishName, teamId: m.teamId, alsoServedBy: m.alsoServedByTeamIds }))
        .sort((a, b) => a.name.localeCompare(b.name, 'fi')),
      teams: teams.map((t) => ({ id: t.id, name: t.name })),
    });
  });
  return router;
}
