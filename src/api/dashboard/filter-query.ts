import type { Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { finnishInstant } from '../../domain/finnish-time.js';
import { addDays, isLocalDate } from '../../domain/local-date.js';
import type { DashboardFilter } from '../../store/dashboard/filter-clauses.js';
import { getRegion, getTeam } from '../../store/org-repository.js';
import { ApiProblem, invalidFields, invalidRequest } from '../../http/problem.js';

const Day = z.string().refine(isLocalDate, 'expected a calendar date YYYY-MM-DD');

/** The dashboard's query string. Unknown parameters are refused, so a misspelt filter never widens the figures. */
const FilterQuery = z
  .strictObject({
    regionId: z.string().min(1).optional(),
    teamId: z.string().min(1).optional(),
    from: Day.optional(),
    to: Day.optional(),
    period: z.literal('all', "expected 'all' (the default is the last 12 months)").optional(),
  })
  .refine((q) => q.period === undefined || (q.from === undefined && q.to === undefined), {
    path: ['period'],
    message: 'period=all does not go with from or to',
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { path: ['to'], message: 'must not be before from' });

/** The period of figures that happen at a time when the query names none: a year is what a manager compares. */
const DEFAULT_PERIOD_MONTHS = 12;

/**
 * Reads `regionId`, `teamId`, `from` and `to` (Finnish calendar days, both inclusive) from the
 * query string; without `from`, the period starts 12 months ago, unless `period=all` asks for all time. A region or team that does not exist is a 400 naming it, not an empty dashboard.
 * Scope follows the reader, as for the case statistics: a manager sees their own region, a team
 * lead their own team (taken when the query names none, refused when it names another), an
 * administrator everything.
 */
export async function parseDashboardFilter(knex: Knex, req: Request): Promise<DashboardFilter> {
  const parsed = FilterQuery.safeParse(req.query);
  if (!parsed.success) throw invalidRequest(parsed.error, 'query');
  const q = parsed.data;
  const [region, team] = await Promise.all([q.regionId && getRegion(knex, q.regionId), q.teamId && getTeam(knex, q.teamId)]);
  const unknown = [
    ...(q.regionId !== undefined && !region ? [{ field: 'regionId', detail: `no region ${q.regionId}` }] : []),
    ...(q.teamId !== undefined && !team ? [{ field: 'teamId', detail: `no team ${q.teamId}` }] : []),
  ];
  if (unknown.length > 0) throw invalidFields(unknown);
  const scope = readerScope(req);
  if (scope.regionId !== undefined) {
    if ((q.regionId ?? scope.regionId) !== scope.regionId || (team && team.regionId !== scope.regionId)) {
      throw new ApiProblem(403, `A manager sees the figures of region ${scope.regionId} only`);
    }
    q.regionId = scope.regionId;
  }
  if (scope.teamId !== undefined) {
    if ((q.teamId ?? scope.teamId) !== scope.teamId) throw new ApiProblem(403, `A team lead sees the figures of team ${scope.teamId} only`);
    q.teamId = scope.teamId;
  }
  return {
    ...(q.regionId === undefined ? {} : { regionId: q.regionId }),
    ...(q.teamId === undefined ? {} : { teamId: q.teamId }),
    ...(q.from !== undefined
      ? { from: finnishInstant(q.from, '00:00') }
      : q.period === 'all'
        ? {}
        : { from: monthsAgo(DEFAULT_PERIOD_MONTHS) }),
    ...(q.to === undefined ? {} : { to: finnishInstant(addDays(q.to, 1), '00:00') }),
  };
}

function monthsAgo(months: number): Date {
  const at = new Date();
  at.setUTCMonth(at.getUTCMonth() - months);
  return at;
}

/** The part of the organisation the signed-in reader may see; nothing fixed for an administrator. */
function readerScope(req: Request): { regionId?: string; teamId?: string } {
  const principal = req.principal;
  if (principal?.role === 'MANAGER') return { regionId: principal.regionId };
  if (principal?.role === 'TEAM_LEAD') return { teamId: principal.teamId };
  return {};
}
