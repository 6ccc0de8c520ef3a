import type { Knex } from 'knex';
import { routeCase } from '../../domain/routing.js';
import type { DashboardFilter } from '../../store/dashboard/filter-clauses.js';
import { listStalledIntakes } from '../../store/intake-queries.js';
import { listTeams, loadRoutingData } from '../../store/org-repository.js';

/**
 * The cases in scope that the intake reconciler could not give their pathway and has stalled
 * (src/intake/reconcile-pass.ts), for the team lead to look into. A case without a pathway has
 * usually not been routed yet (routing is the pathway's first job), so it counts as the team and
 * region its municipality and team hint route it to, as the pathway will. Pseudonymous: the case
 * id, the municipality, dates and the engine's last answer; never the client.
 */
export async function stalledIntakes(knex: Knex, filter: DashboardFilter) {
  const [stalled, routing, teams] = await Promise.all([listStalledIntakes(knex), loadRoutingData(knex), listTeams(knex)]);
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  return stalled
    .map((c) => {
      const routed = routeCase(c.municipalityCode, routing, { teamHint: c.teamHint });
      const teamId = c.teamId ?? (routed.ok ? routed.teamId : null);
      const regionId = c.regionId ?? (routed.ok ? routed.regionId : null);
      const municipality = routing.municipalities.find((m) => m.code === c.municipalityCode);
      return {
        caseId: c.caseId,
        municipality: { code: c.municipalityCode, name: municipality?.name ?? null },
        teamId,
        teamName: teamId === null ? null : (teamNames.get(teamId) ?? null),
        regionId,
        openedAt: c.openedAt.toISOString(),
        failedAttempts: c.attempts,
        stalledAt: c.stalledAt.toISOString(),
        nextAttemptAt: c.retryAt?.toISOString() ?? null,
        lastError: c.lastError,
      };
    })
    .filter(
      (c) =>
        (filter.teamId === undefined || c.teamId === filter.teamId) && (filter.regionId === undefined || c.regionId === filter.regionId),
    );
}
