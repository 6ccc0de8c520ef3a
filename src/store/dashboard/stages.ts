import type { Knex } from 'knex';
import type { StageCode } from '../../domain/stages.js';
import { type DashboardFilter, whereCaseInScope, whereInPeriod } from './filter-clauses.js';

/** Open cases in one stage in one team now. */
export interface ActiveStageCount {
  regionId: string | null;
  teamId: string | null;
  stage: StageCode;
  activeCases: number;
}

/** How long closed visits to one stage took, in days. */
export interface StageDuration {
  stage: StageCode;
  visits: number;
  medianDays: number;
  p90Days: number;
}

/**
 * Open cases per current stage, per region and team, within the filter's region and team.
 * Cases not yet routed have null region and team (and drop out of a region or team filter).
 */
export async function activeCasesPerStage(knex: Knex, filter: DashboardFilter): Promise<ActiveStageCount[]> {
  const rows: { region_id: string | null; team_id: string | null; stage: StageCode; active_cases: number }[] = await knex('cases as c')
    .join('stage_history as s', (j) => j.on('s.case_id', 'c.case_id').andOnNull('s.left_at'))
    .whereNull('c.closed_at')
    .modify((q) => whereCaseInScope(q, filter))
    .groupBy('c.region_id', 'c.team_id', 's.stage')
    .select('c.region_id', 'c.team_id', 's.stage', knex.raw('count(*)::int as active_cases'))
    .orderBy([{ column: 'c.region_id' }, { column: 'c.team_id' }, { column: 's.stage' }]);
  return rows.map((r) => ({ regionId: r.region_id, teamId: r.team_id, stage: r.stage, activeCases: r.active_cases }));
}

/**
 * Median and 90th percentile of the time spent in each stage, over the visits that ended within
 * the period (a visit still open has no length yet). Continuous percentiles, as a reader of
 * "median 4.5 days" expects between two visits of 4 and 5 days.
 */
export async function stageDurations(knex: Knex, filter: DashboardFilter): Promise<StageDuration[]> {
  const days = 'extract(epoch from (s.left_at - s.entered_at)) / 86400';
  const rows: { stage: StageCode; visits: number; median_days: number; p90_days: number }[] = await knex('stage_history as s')
    .join('cases as c', 'c.case_id', 's.case_id')
    .whereNotNull('s.left_at')
    .modify((q) => whereCaseInScope(q, filter))
    .modify((q) => whereInPeriod(q, filter, 's.left_at'))
    .groupBy('s.stage')
    .select('s.stage', knex.raw('count(*)::int as visits'))
    .select(knex.raw(`percentile_cont(0.5) within group (order by ${days})::float8 as median_days`))
    .select(knex.raw(`percentile_cont(0.9) within group (order by ${days})::float8 as p90_days`));
  return rows.map((r) => ({ stage: r.stage, visits: r.visits, medianDays: r.median_days, p90Days: r.p90_days }));
}
