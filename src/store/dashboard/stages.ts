import type { Knex } from 'knex';
import type { StageCode } from '../../domain/stages.js';
import { splitFinnishPeriod } from '../../domain/finnish-period-split.js';
import { histogramPercentile } from '../../domain/histogram-percentile.js';
import { serialRead } from './serial-read.js';
import { type DashboardFilter, summaryParts, whereCaseInScope, wherePeriodStartIn } from './filter-clauses.js';

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
 * Open cases per current stage, per region and team, within the filter's region and team, from
 * `open_case_stages` (kept with every stage change, routing and closing; migration
 * 20261207090000). Cases not yet routed have null region and team (and drop out of a region or team filter).
 */
export async function activeCasesPerStage(knex: Knex, filter: DashboardFilter): Promise<ActiveStageCount[]> {
  const rows: { region_id: string | null; team_id: string | null; stage: StageCode; active_cases: number }[] = await serialRead(
    knex,
    (trx) =>
      trx('open_case_stages as c')
        .modify((q) => whereCaseInScope(q, filter))
        .groupBy('c.region_id', 'c.team_id', 'c.stage')
        .select('c.region_id', 'c.team_id', 'c.stage', knex.raw('count(*)::int as active_cases'))
        .orderBy([{ column: 'c.region_id' }, { column: 'c.team_id' }, { column: 'c.stage' }]),
  );
  return rows.map((r) => ({ regionId: r.region_id, teamId: r.team_id, stage: r.stage, activeCases: r.active_cases }));
}

/**
 * Median and 90th percentile of the time spent in each stage, over the visits that ended within
 * the period (a visit still open has no length yet), to the resolution of the duration buckets
 * (`stage_duration_buckets`: half a day up to a day, a day up to two weeks, then wider): the
 * whole Finnish months and days of the period from `stage_visit_months` and `stage_visit_days`,
 * the hours around them from the visits.
 */
export async function stageDurations(knex: Knex, filter: DashboardFilter): Promise<StageDuration[]> {
  const buckets: { bucket: number; from_days: number; to_days: number | null }[] = await knex('stage_duration_buckets').orderBy('bucket');
  const columns = buckets.map((b) => `bucket_${String(b.bucket).padStart(2, '0')}`);
  const split = splitFinnishPeriod(filter.from, filter.to);
  const parts: Knex.QueryBuilder[] = summaryParts(split, { months: 'stage_visit_months', days: 'stage_visit_days' }).map(
    ({ table, range }) =>
      knex(`${table} as c`)
        .modify((q) => whereCaseInScope(q, filter))
        .modify((q) => wherePeriodStartIn(q, range))
        .select('c.stage', 'c.visits', ...columns),
  );
  for (const edge of split.edges) {
    const bucket = 'stage_duration_bucket(s.left_at - s.entered_at)';
    parts.push(
      knex('stage_history as s')
        .join('cases as c', 'c.case_id', 's.case_id')
        .whereNotNull('s.left_at')
        .where('s.left_at', '>=', edge.from)
        .where('s.left_at', '<', edge.to)
        .modify((q) => whereCaseInScope(q, filter))
        .select('s.stage', knex.raw('1 as visits'))
        .select(buckets.map((b, i) => knex.raw(`(case when ${bucket} = ${b.bucket} then 1 else 0 end) as ??`, [columns[i]]))),
    );
  }
  if (parts.length === 0) return [];
  const [first, ...rest] = parts;
  const rows: Record<string, number | string>[] = await serialRead(knex, (trx) =>
    trx
      .from(first.unionAll(rest, true).as('v'))
      .groupBy('v.stage')
      .havingRaw('sum(v.visits) > 0')
      .select('v.stage', knex.raw('sum(v.visits)::int as visits'))
      .select(columns.map((c) => knex.raw('sum(??)::int as ??', [`v.${c}`, c]))),
  );
  return rows.map((r) => {
    const histogram = buckets.map((b, i) => ({ from: b.from_days, to: b.to_days, count: Number(r[columns[i]]) }));
    return {
      stage: r.stage as StageCode,
      visits: Number(r.visits),
      medianDays: histogramPercentile(histogram, 0.5) ?? 0,
      p90Days: histogramPercentile(histogram, 0.9) ?? 0,
    };
  });
}
