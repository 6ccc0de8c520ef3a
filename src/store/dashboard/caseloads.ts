import type { Knex } from 'knex';
import type { RoleCode } from '../../domain/roles.js';
import type { DashboardFilter } from './filter-clauses.js';
import { activeCaseCounts } from '../pair-repository.js';

/** A pair member's caseload against capacity. */
export interface PairCaseload {
  professionalId: string;
  displayName: string;
  role: RoleCode;
  teamId: string;
  regionId: string;
  capacity: number;
  activeCases: number;
  active: boolean;
  absentUntil: string | null;
}

/**
 * Caseloads of the people who can be paired (nurses and social-side workers) in the filter's
 * region and team, by team and id. Leads and consultants carry no cases and are left out.
 */
export async function pairCaseloads(knex: Knex, filter: DashboardFilter): Promise<PairCaseload[]> {
  const rows: {
    id: string;
    display_name: string;
    role: RoleCode;
    team_id: string;
    region_id: string;
    capacity: number;
    active_cases: number;
    active: boolean;
    absent_until: string | null;
  }[] = await knex('professionals as p')
    .join('teams as t', 't.id', 'p.team_id')
    .leftJoin(activeCaseCounts(knex).as('load'), 'load.professional_id', 'p.id')
    .whereIn('p.role', ['NURSE', 'SOCIAL_COUNSELLOR', 'SOCIAL_WORKER'])
    .modify((q) => {
      if (filter.regionId !== undefined) q.where('t.region_id', filter.regionId);
      if (filter.teamId !== undefined) q.where('p.team_id', filter.teamId);
    })
    .select('p.id', 'p.display_name', 'p.role', 'p.team_id', 't.region_id', 'p.capacity', 'p.active')
    .select(knex.raw('coalesce(load.active_cases, 0)::int as active_cases'))
    .select(knex.raw("to_char(p.absent_until, 'YYYY-MM-DD') as absent_until"))
    .orderBy([{ column: 'p.team_id' }, { column: 'p.id' }]);
  return rows.map((r) => ({
    professionalId: r.id,
    displayName: r.display_name,
    role: r.role,
    teamId: r.team_id,
    regionId: r.region_id,
    capacity: r.capacity,
    activeCases: r.active_cases,
    active: r.active,
    absentUntil: r.absent_until,
  }));
}
