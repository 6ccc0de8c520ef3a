import type { Knex } from 'knex';
import type { MeetingCalendar } from '../../domain/meetings.js';
import type { Team } from '../../domain/organisation.js';
import { ConflictError, InvalidReferenceError, NotFoundError } from './admin-errors.js';
import { referencesTo } from './references.js';
import { getTeam } from '../org-repository.js';

/** A new team. */
export interface NewTeam {
  id: string;
  name: string;
  regionId: string;
  meetingCalendar: MeetingCalendar;
}

/** What an administrator may change on a team; absent fields stay. */
export interface TeamChanges {
  name?: string;
  regionId?: string;
  consultantId?: string | null;
  meetingCalendar?: MeetingCalendar;
}

const TEAM_REFERENCES = [
  { table: 'professionals', column: 'team_id', label: 'professionals' },
  { table: 'municipalities', column: 'team_id', label: 'municipalities (default team)' },
  { table: 'municipality_alternative_teams', column: 'team_id', label: 'municipalities (other team)' },
  { table: 'cases', column: 'team_id', label: 'cases' },
  { table: 'case_routings', column: 'team_id', label: 'case routings' },
  { table: 'meeting_bookings', column: 'team_id', label: 'meeting bookings' },
] as const;

/** Adds a team (without a consultant: its professionals come after it). */
export async function createTeam(knex: Knex, team: NewTeam): Promise<Team> {
  return knex.transaction(async (trx) => {
    if (await trx('teams').where({ id: team.id }).first()) throw new ConflictError(`Team ${team.id} already exists`);
    await requireRegion(trx, team.regionId);
    await trx('teams').insert({
      id: team.id,
      name: team.name,
      region_id: team.regionId,
      consultant_id: null,
      meeting_calendar: JSON.stringify(team.meetingCalendar),
    });
    return (await getTeam(trx, team.id))!;
  });
}

/**
 * Changes a team in one transaction. The consultant must be an active CONSULTANT, the team's named contact in
 * specialist care, who may belong to another team (one consultant may serve several). A team that
 * is some municipality's default team keeps its region: the municipality's cases take their
 * region from the municipality, and the two would disagree.
 */
export async function updateTeam(knex: Knex, id: string, changes: TeamChanges): Promise<Team> {
  return knex.transaction(async (trx) => {
    const current = await trx('teams').where({ id }).forUpdate().first<{ region_id: string } | undefined>('region_id');
    if (!current) throw new NotFoundError(`team ${id}`);
    if (changes.regionId !== undefined && changes.regionId !== current.region_id) {
      await requireRegion(trx, changes.regionId);
      const served = await trx('municipalities').where({ team_id: id }).pluck('name');
      if (served.length > 0)
        throw new ConflictError(
          `Team ${id} is the default team of ${served.join(', ')}: move those municipalities to another team before changing its region`,
        );
    }
    if (changes.consultantId) {
      const consultant = await trx('professionals')
        .where({ id: changes.consultantId })
        .first<{ role: string; active: boolean } | undefined>('role', 'active');
      if (!consultant || consultant.role !== 'CONSULTANT' || !consultant.active) {
        throw new InvalidReferenceError(
          'consultantId',
          `${changes.consultantId} is not a consultant (an active professional with role CONSULTANT)`,
        );
      }
    }
    const record = {
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.regionId === undefined ? {} : { region_id: changes.regionId }),
      ...(changes.consultantId === undefined ? {} : { consultant_id: changes.consultantId }),
      ...(changes.meetingCalendar === undefined ? {} : { meeting_calendar: JSON.stringify(changes.meetingCalendar) }),
    };
    if (Object.keys(record).length > 0) await trx('teams').where({ id }).update(record);
    return (await getTeam(trx, id))!;
  });
}

/** Deletes a team nothing refers to; otherwise a ConflictError listing what does. */
export async function deleteTeam(knex: Knex, id: string): Promise<void> {
  await knex.transaction(async (trx) => {
    const team = await trx('teams').where({ id }).forUpdate().first<{ consultant_id: string | null } | undefined>('consultant_id');
    if (!team) throw new NotFoundError(`team ${id}`);
    const references = await referencesTo(trx, TEAM_REFERENCES, id);
    if (references.length > 0)
      throw new ConflictError(`Team ${id} cannot be deleted: ${references.join(', ')} refer to it. Rename it, or move those first.`);
    await trx('teams').where({ id }).delete();
  });
}

async function requireRegion(trx: Knex.Transaction, regionId: string): Promise<void> {
  if (!(await trx('regions').where({ id: regionId }).first())) throw new InvalidReferenceError('regionId', `no region ${regionId}`);
}
