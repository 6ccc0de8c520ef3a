import type { Knex } from 'knex';
import type { DashboardFilter } from '../../src/store/dashboard/filter-clauses.js';

/**
 * The dashboard's figures computed from the rows themselves, as the queries did before the
 * summaries (issue 16): the oracle the summary-based answers must equal.
 */
function inScope(q: Knex.QueryBuilder, filter: DashboardFilter): Knex.QueryBuilder {
  if (filter.regionId !== undefined) q.where('c.region_id', filter.regionId);
  if (filter.teamId !== undefined) q.where('c.team_id', filter.teamId);
  return q;
}

function inPeriod(q: Knex.QueryBuilder, filter: DashboardFilter, column: string): Knex.QueryBuilder {
  if (filter.from !== undefined) q.where(column, '>=', filter.from);
  if (filter.to !== undefined) q.where(column, '<', filter.to);
  return q;
}

export async function rawActiveCases(knex: Knex, filter: DashboardFilter) {
  const rows: { region_id: string | null; team_id: string | null; stage: string; active_cases: number }[] = await knex('cases as c')
    .join('stage_history as s', (j) => j.on('s.case_id', 'c.case_id').andOnNull('s.left_at'))
    .whereNull('c.closed_at')
    .modify((q) => inScope(q, filter))
    .groupBy('c.region_id', 'c.team_id', 's.stage')
    .select('c.region_id', 'c.team_id', 's.stage', knex.raw('count(*)::int as active_cases'))
    .orderBy([{ column: 'c.region_id' }, { column: 'c.team_id' }, { column: 's.stage' }]);
  return rows.map((r) => ({ regionId: r.region_id, teamId: r.team_id, stage: r.stage, activeCases: r.active_cases }));
}

/** Per stage, the lengths in days of the closed visits that ended in the period, shortest first, and their exact percentiles. */
export async function rawStageDurations(knex: Knex, filter: DashboardFilter) {
  const days = 'extract(epoch from (s.left_at - s.entered_at)) / 86400';
  const rows: { stage: string; lengths: number[]; median_days: number; p90_days: number }[] = await knex('stage_history as s')
    .join('cases as c', 'c.case_id', 's.case_id')
    .whereNotNull('s.left_at')
    .modify((q) => inScope(q, filter))
    .modify((q) => inPeriod(q, filter, 's.left_at'))
    .groupBy('s.stage')
    .select('s.stage', knex.raw(`array_agg((${days})::float8 order by ${days}) as lengths`))
    .select(knex.raw(`percentile_cont(0.5) within group (order by ${days})::float8 as median_days`))
    .select(knex.raw(`percentile_cont(0.9) within group (order by ${days})::float8 as p90_days`))
    .orderBy('s.stage');
  return rows.map((r) => ({ stage: r.stage, lengths: r.lengths, medianDays: r.median_days, p90Days: r.p90_days }));
}

export async function rawDeadlineBreaches(knex: Knex, filter: DashboardFilter, now: Date) {
  const breached = '(d.met_at > d.due_at or d.met_at is null)';
  const rows: {
    region_id: string | null;
    team_id: string | null;
    rule_id: string;
    name: string;
    kind: string;
    due: number;
    breached: number;
    open: number;
  }[] = await knex('deadlines as d')
    .join('cases as c', 'c.case_id', 'd.case_id')
    .join('deadline_rules as r', 'r.id', 'd.rule_id')
    .where('d.due_at', '<', now)
    .modify((q) => inScope(q, filter))
    .modify((q) => inPeriod(q, filter, 'd.due_at'))
    .groupBy('c.region_id', 'c.team_id', 'd.rule_id', 'r.name', 'r.kind')
    .select('c.region_id', 'c.team_id', 'd.rule_id', 'r.name', 'r.kind', knex.raw('count(*)::int as due'))
    .select(knex.raw(`count(*) filter (where ${breached})::int as breached`))
    .select(knex.raw('count(*) filter (where d.met_at is null and c.closed_at is null)::int as open'))
    .orderBy([{ column: 'c.region_id' }, { column: 'c.team_id' }, { column: 'd.rule_id' }]);
  return rows.map((r) => ({
    regionId: r.region_id,
    teamId: r.team_id,
    ruleId: r.rule_id,
    ruleName: r.name,
    kind: r.kind,
    due: r.due,
    breached: r.breached,
    open: r.open,
  }));
}

/** The open cases waiting in TYORYHMAKASITTELY with their latest regional booking, in the queue's order. */
export async function rawGroupQueue(knex: Knex, filter: DashboardFilter) {
  const rows: { region_id: string; meeting_at: Date; entered_at: Date }[] = await knex('stage_history as s')
    .join('cases as c', 'c.case_id', 's.case_id')
    .joinRaw(
      `cross join lateral (select b.region_id, b.meeting_at from meeting_bookings b
         where b.case_id = s.case_id and b.forum = 'REGIONAL_GROUP' order by b.meeting_at desc, b.id desc limit 1) lb`,
    )
    .whereNull('s.left_at')
    .where('s.stage', 'TYORYHMAKASITTELY')
    .whereNull('c.closed_at')
    .modify((q) => inScope(q, { ...filter, regionId: undefined }))
    .modify((q) => {
      if (filter.regionId !== undefined) q.where('lb.region_id', filter.regionId);
    })
    .select('lb.region_id', 'lb.meeting_at', 's.entered_at')
    .orderBy([{ column: 'lb.meeting_at' }, { column: 's.entered_at' }]);
  return rows.map((r) => ({ regionId: r.region_id, meetingAt: r.meeting_at, waitingSince: r.entered_at }));
}

/** Each professional's active pair assignments, as nurse or social-side worker, by id. */
export async function rawCaseloads(knex: Knex): Promise<{ professionalId: string; activeCases: number }[]> {
  return (
    await knex.raw(`select professional_id as "professionalId", count(*)::int as "activeCases" from (
      select case_id, nurse_id as professional_id from pair_assignments where released_at is null
      union select case_id, social_worker_id from pair_assignments where released_at is null
      union select case_id, professional_id from responsible_social_workers where released_at is null) m
    group by professional_id order by professional_id`)
  ).rows;
}
