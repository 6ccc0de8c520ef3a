import type { Knex } from 'knex';
import type { RoleCode } from '../../domain/roles.js';
import type { StageCode } from '../../domain/stages.js';
import { activeCaseCounts } from '../pair-repository.js';

/** How many open cases sit in one stage in one team. */
export interface StageCount {
  regionId: string | null;
  teamId: string | null;
  stage: StageCode;
  activeCases: number;
}

/** One professional's caseload against their capacity. */
export interface Caseload {
  professionalId: string;
  displayName: string;
  role: RoleCode;
  teamId: string;
  capacity: number;
  activeCases: number;
}

/**
 * Open cases per current stage, per region and team (the dashboard's main table). Cases not yet
 * routed have null region and team. Sorted by region, team and stage. From `open_case_stages`, as the dashboard's.
 */
export async function activeCasesByStage(knex: Knex): Promise<StageCount[]> {
  const rows: { region_id: string | null; team_id: string | null; stage: StageCode; active_cases: number }[] = await knex(
    'open_case_stages as c',
  )
    .groupBy('c.region_id', 'c.team_id', 'c.stage')
    .select('c.region_id', 'c.team_id', 'c.stage', knex.raw('count(*)::int as active_cases'))
    .orderBy([{ column: 'c.region_id' }, { column: 'c.team_id' }, { column: 'c.stage' }]);
  return rows.map((r) => ({ regionId: r.region_id, teamId: r.team_id, stage: r.stage, activeCases: r.active_cases }));
}

/** Each professional's active cases (active pair assignments) and capacity, optionally for one team. */
export async function caseloads(knex: Knex, filter: { teamId?: string } = {}): Promise<Caseload[]> {
  const rows: { id: string; display_name: string; role: RoleCode; team_id: string; capacity: number; active_cases: number }[] = await knex(
    'professionals as p',
  )
    .leftJoin(activeCaseCounts(knex).as('load'), 'load.professional_id', 'p.id')
    .modify((q) => {
      if (filter.teamId !== undefined) q.where('p.team_id', filter.teamId);
    })
    .select('p.id', 'p.display_name', 'p.role', 'p.team_id', 'p.capacity', knex.raw('coalesce(load.active_cases, 0)::int as active_cases'))
    .orderBy('p.id');
  return rows.map((r) => ({
    professionalId: r.id,
    displayName: r.display_name,
    role: r.role,
    teamId: r.team_id,
    capacity: r.capacity,
    activeCases: r.active_cases,
  }));
}
