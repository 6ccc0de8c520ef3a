import type { Knex } from 'knex';

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
