import type { Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { finnishInstant } from '../domain/finnish-time.js';
import { addDays, isLocalDate } from '../domain/local-date.js';
import type { DashboardFilter } from '../store/dashboard-filter.js';
import { getRegion, getTeam } from '../store/org-repository.js';
import { HttpProblem, invalidFields, invalidRequest } from './problem.js';

const Day = z.string().refine(isLocalDate, 'expected a calendar date YYYY-MM-DD');

/** The dashboard's query string. Unknown parameters are refused, so a misspelt filter never widens the figures. */
const FilterQuery = z
  .strictObject({
    regionId: z.string().min(1).optional(),
    teamId: z.string().min(1).optional(),
    from: Day.optional(),
    to: Day.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { path: ['to'], message: 'must not be before from' });

/**
 * Reads `regionId`, `teamId`, `from` and `to` (Finnish calendar days, both inclusive) from the
 * query string. A region or team that does not exist is a 400 naming it, not an empty dashboard.
 * A team lead sees their own team only: without a team filter, theirs is taken.
 */
export async function parseDashboardFilter(knex: Knex, req: Request): Promise<DashboardFilter> {
  const parsed = FilterQuery.safeParse(req.query);
  if (!parsed.success) throw invalidRequest(parsed.error, 'query');
  const q = parsed.data;
  const ownTeam = req.principal?.role === 'TEAM_LEAD' ? req.principal.teamId : undefined;
  if (ownTeam !== undefined) {
    if (q.teamId !== undefined && q.teamId !== ownTeam) throw new HttpProblem(403, `A team lead sees the figures of team ${ownTeam} only`);
    q.teamId = ownTeam;
  }
  const [region, team] = await Promise.all([q.regionId && getRegion(knex, q.regionId), q.teamId && getTeam(knex, q.teamId)]);
  const unknown = [
    ...(q.regionId !== undefined && !region ? [{ field: 'regionId', detail: `no region ${q.regionId}` }] : []),
    ...(q.teamId !== undefined && !team ? [{ field: 'teamId', detail: `no team ${q.teamId}` }] : []),
  ];
  if (unknown.length > 0) throw invalidFields(unknown);
  return {
    ...(q.regionId === undefined ? {} : { regionId: q.regionId }),
    ...(q.teamId === undefined ? {} : { teamId: q.teamId }),
    ...(q.from === undefined ? {} : { from: finnishInstant(q.from, '00:00') }),
    ...(q.to === undefined ? {} : { to: finnishInstant(addDays(q.to, 1), '00:00') }),
  };
}
