import { z } from 'zod';
import { MeetingCalendarSchema, ProfessionalSchema, TeamSchema } from '../../store/org-schemas.js';

/**
 * Request bodies of the admin API: the seed files' own schemas (src/store/org-schemas.ts), so an
 * edit is held to what the seed is. Unknown fields are refused, so a misspelt field never
 * silently changes nothing.
 */

const noDuplicates = (ids: readonly string[]) => new Set(ids).size === ids.length;

/** POST /admin/teams. A new team has no consultant until its professionals exist. */
export const NewTeamBody = z.strictObject({
  id: TeamSchema.shape.id,
  name: TeamSchema.shape.name,
  regionId: TeamSchema.shape.regionId,
  meetingCalendar: MeetingCalendarSchema,
});

/** PATCH /admin/teams/:id. */
export const TeamChangesBody = z.strictObject({
  name: TeamSchema.shape.name.optional(),
  regionId: TeamSchema.shape.regionId.optional(),
  consultantId: TeamSchema.shape.consultantId.optional(),
  meetingCalendar: MeetingCalendarSchema.optional(),
});

/** POST /admin/professionals: active by default, no absence. */
export const NewProfessionalBody = z.strictObject({
  ...ProfessionalSchema.shape,
  active: ProfessionalSchema.shape.active.default(true),
  absentUntil: ProfessionalSchema.shape.absentUntil.default(null),
});

/** PATCH /admin/professionals/:id. */
export const ProfessionalChangesBody = z.strictObject({
  displayName: ProfessionalSchema.shape.displayName.optional(),
  role: ProfessionalSchema.shape.role.optional(),
  teamId: ProfessionalSchema.shape.teamId.optional(),
  capacity: ProfessionalSchema.shape.capacity.optional(),
  active: ProfessionalSchema.shape.active.optional(),
  absentUntil: ProfessionalSchema.shape.absentUntil.optional(),
});

/** PATCH /admin/municipalities/:code. */
export const MunicipalityChangesBody = z.strictObject({
  teamId: TeamSchema.shape.id.optional(),
  alsoServedByTeamIds: z.array(TeamSchema.shape.id).refine(noDuplicates, 'a team may be listed once').optional(),
});

/** PUT /admin/regions/:id/meeting-calendar. */
export const CalendarBody = z.strictObject({ meetingCalendar: MeetingCalendarSchema });
