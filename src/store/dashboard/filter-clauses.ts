import type { Knex } from 'knex';
import type { DateRange, FinnishPeriodSplit } from '../../domain/finnish-period-split.js';

/**
 * What a manager narrows the dashboard to. Region and team select cases by their current routing;
 * the period [from, to) applies to figures that happen at a time (stage visits ending, deadlines
 * falling due). Snapshots (active cases, queues, caseloads) always describe now.
 */
export interface DashboardFilter {
  regionId?: string;
  teamId?: string;
  /** Inclusive start of the period. */
  from?: Date;
  /** Exclusive end of the period. */
  to?: Date;
}

/** Restricts a query over `cases` (under `alias`) to the filter's region and team. */
export function whereCaseInScope(q: Knex.QueryBuilder, filter: DashboardFilter, alias = 'c'): Knex.QueryBuilder {
  if (filter.regionId !== undefined) q.where(`${alias}.region_id`, filter.regionId);
  if (filter.teamId !== undefined) q.where(`${alias}.team_id`, filter.teamId);
  return q;
}

/**
 * The summary tables (per month, per day) and the date ranges of their `period_start` that
 * answer the whole months and days of a split period.
 */
export function summaryParts(split: FinnishPeriodSplit, tables: { months: string; days: string }): { table: string; range: DateRange }[] {
  return [
    ...(split.months === null ? [] : [{ table: tables.months, range: split.months }]),
    ...split.days.map((range) => ({ table: tables.days, range })),
  ];
}

/** Restricts a summary query (under `alias`) to rows whose period starts within the range. */
export function wherePeriodStartIn(q: Knex.QueryBuilder, range: DateRange, alias = 'c'): Knex.QueryBuilder {
  if (range.from !== undefined) q.where(`${alias}.period_start`, '>=', range.from);
  if (range.to !== undefined) q.where(`${alias}.period_start`, '<', range.to);
  return q;
}
