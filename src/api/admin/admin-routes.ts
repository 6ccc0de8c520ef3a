import { Router, type ErrorRequestHandler, type Response } from 'express';
import type { Knex } from 'knex';
import type { z } from 'zod';
import { requireRole } from '../../auth/require-role.js';
import { ROLE_CODES, ROLE_LABELS } from '../../domain/roles.js';
import { ConflictError, InvalidReferenceError, NotFoundError } from '../../store/admin/admin-errors.js';
import { updateRegionCalendar } from '../../store/admin/calendars.js';
import { groupMeetingLoad } from '../../store/admin/group-meeting-load.js';
import { updateMunicipalityTeams } from '../../store/admin/municipalities.js';
import { createProfessional, deleteProfessional, updateProfessional } from '../../store/admin/professionals.js';
import { createTeam, deleteTeam, updateTeam } from '../../store/admin/teams.js';
import { listMunicipalities, listProfessionals, listRegions, listTeams } from '../../store/org-repository.js';
import {
  CalendarBody,
  MunicipalityChangesBody,
  NewProfessionalBody,
  NewTeamBody,
  ProfessionalChangesBody,
  TeamChangesBody,
} from './admin-schemas.js';
import { comingMeetings } from '../dashboard/meetings.js';
import { ApiProblem, invalidFields, invalidRequest } from '../../http/problem.js';

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}

function created(res: Response, location: string, body: unknown): void {
  res.status(201).location(location).json(body);
}

/**
 * /admin/*: the organisation as administrators keep it (teams, professionals, municipalities'
 * teams, meeting calendars), for role ADMIN only. Every change is one transaction; a row that
 * others refer to is never deleted (409, deactivate or rename instead).
 */
export function adminRoutes(deps: { knex: Knex }): Router {
  const { knex } = deps;
  const router = Router();
  router.use('/admin', requireRole('ADMIN'));

  router.get('/admin/regions', async (_req, res) => {
    const now = new Date();
    const items = await Promise.all(
      (await listRegions(knex)).map(async (r) => {
        const nextMeetings = comingMeetings(r.meetingCalendar, now);
        return { ...r, nextMeetings, meetingLoad: await groupMeetingLoad(knex, r.id, r.meetingCalendar, nextMeetings, now) };
      }),
    );
    res.json({ items });
  });

  router.put('/admin/regions/:id/meeting-calendar', async (req, res) => {
    const { meetingCalendar } = parse(CalendarBody, req.body);
    const region = await updateRegionCalendar(knex, req.params.id, meetingCalendar);
    const now = new Date();
    const nextMeetings = comingMeetings(region.meetingCalendar, now);
    res.json({ ...region, nextMeetings, meetingLoad: await groupMeetingLoad(knex, region.id, region.meetingCalendar, nextMeetings, now) });
  });

  router.get('/admin/teams', async (_req, res) => {
    const now = new Date();
    res.json({ items: (await listTeams(knex)).map((t) => ({ ...t, nextMeetings: comingMeetings(t.meetingCalendar, now) })) });
  });

  router.post('/admin/teams', async (req, res) => {
    const team = await createTeam(knex, parse(NewTeamBody, req.body));
    created(res, `${req.baseUrl}/admin/teams/${team.id}`, team);
  });

  router.patch('/admin/teams/:id', async (req, res) => {
    res.json(await updateTeam(knex, req.params.id, parse(TeamChangesBody, req.body)));
  });

  router.delete('/admin/teams/:id', async (req, res) => {
    await deleteTeam(knex, req.params.id);
    res.status(204).end();
  });

  router.get('/admin/professionals', async (req, res) => {
    const teamId = typeof req.query.teamId === 'string' ? req.query.teamId : undefined;
    res.json({ items: await listProfessionals(knex, teamId), roles: ROLE_CODES.map((code) => ({ code, label: ROLE_LABELS[code] })) });
  });

  router.post('/admin/professionals', async (req, res) => {
    const professional = await createProfessional(knex, parse(NewProfessionalBody, req.body));
    created(res, `${req.baseUrl}/admin/professionals/${professional.id}`, professional);
  });

  router.patch('/admin/professionals/:id', async (req, res) => {
    res.json(await updateProfessional(knex, req.params.id, parse(ProfessionalChangesBody, req.body)));
  });

  router.delete('/admin/professionals/:id', async (req, res) => {
    await deleteProfessional(knex, req.params.id);
    res.status(204).end();
  });

  router.get('/admin/municipalities', async (_req, res) => {
    res.json({ items: await listMunicipalities(knex) });
  });

  router.patch('/admin/municipalities/:code', async (req, res) => {
    res.json(await updateMunicipalityTeams(knex, req.params.code, parse(MunicipalityChangesBody, req.body)));
  });

  router.use(storeErrors);
  return router;
}

/** The admin repositories' refusals as problem documents. */
const storeErrors: ErrorRequestHandler = (error: unknown, _req, _res, next) => {
  if (error instanceof InvalidReferenceError)
    return next(invalidFields([{ field: error.field, pointer: `#/${error.field.replaceAll('.', '/')}`, detail: error.detail }]));
  if (error instanceof ConflictError) return next(new ApiProblem(409, error.message));
  if (error instanceof NotFoundError) return next(new ApiProblem(404, error.message));
  next(error);
};
