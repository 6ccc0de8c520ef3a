import type { MeetingRule, MeetingWeekday } from '../../src/domain/meetings.js';
import type { GroupMeetingLoad } from '../../src/store/admin/group-meeting-load.js';
import type { Municipality, Professional, Region as OrgRegion, Team as OrgTeam } from '../../src/domain/organisation.js';
import type { RoleCode } from '../../src/domain/roles.js';
import { api } from '../shared/api.js';

export type { MeetingRule, MeetingWeekday, Municipality, Professional, RoleCode };

/** A region as the admin API lists it: with its working group's next meetings. */
export type Region = OrgRegion & { nextMeetings: string[]; meetingLoad: GroupMeetingLoad };

/** A team as the admin API lists it: with its next meetings. */
export type Team = OrgTeam & { nextMeetings?: string[] };

export const listRegions = () => api<{ items: Region[] }>('GET', '/api/admin/regions').then((r) => r.items);
export const saveRegionCalendar = (id: string, meetingCalendar: readonly MeetingRule[]) =>
  api<Region>('PUT', `/api/admin/regions/${encodeURIComponent(id)}/meeting-calendar`, { meetingCalendar });

export const listTeams = () => api<{ items: Team[] }>('GET', '/api/admin/teams').then((r) => r.items);
export const createTeam = (team: Omit<Team, 'consultantId' | 'nextMeetings'>) => api<Team>('POST', '/api/admin/teams', team);
export const updateTeam = (id: string, changes: Partial<Omit<Team, 'id' | 'nextMeetings'>>) =>
  api<Team>('PATCH', `/api/admin/teams/${encodeURIComponent(id)}`, changes);

export const listProfessionals = () =>
  api<{ items: Professional[]; roles: { code: string; label: string }[] }>('GET', '/api/admin/professionals');
export const createProfessional = (professional: Professional) => api<Professional>('POST', '/api/admin/professionals', professional);
export const updateProfessional = (id: string, changes: Partial<Omit<Professional, 'id'>>) =>
  api<Professional>('PATCH', `/api/admin/professionals/${encodeURIComponent(id)}`, changes);

export const listMunicipalities = () => api<{ items: Municipality[] }>('GET', '/api/admin/municipalities').then((r) => r.items);
export const updateMunicipality = (code: string, changes: { teamId: string; alsoServedByTeamIds: readonly string[] }) =>
  api<Municipality>('PATCH', `/api/admin/municipalities/${encodeURIComponent(code)}`, changes);
