import type { Knex } from 'knex';
import type { Municipality } from '../../domain/organisation.js';
import { InvalidReferenceError, NotFoundError } from './admin-errors.js';
import { listMunicipalities } from '../org-repository.js';

/** Which teams take a municipality's cases; absent fields stay. */
export interface MunicipalityChanges {
  teamId?: string;
  alsoServedByTeamIds?: readonly string[];
}

/**
 * Changes the teams of a municipality in one transaction. The municipality's region follows its
 * default team (the case's working group is the region's); the other teams must be of that region,
 * since a case routed to one of them still takes the municipality's region. Cases already routed
 * keep their team: this is about new cases.
 */
export async function updateMunicipalityTeams(knex: Knex, code: string, changes: MunicipalityChanges): Promise<Municipality> {
  return knex.transaction(async (trx) => {
    const current = await trx('municipalities').where({ code }).forUpdate().first<{ team_id: string } | undefined>('team_id');
    if (!current) throw new NotFoundError(`municipality ${code}`);
    const teamId = changes.teamId ?? current.team_id;
    const team = await trx('teams').where({ id: teamId }).first<{ region_id: string } | undefined>('region_id');
    if (!team) throw new InvalidReferenceError('teamId', `no team ${teamId}`);
    const others =
      changes.alsoServedByTeamIds ?? (await trx('municipality_alternative_teams').where({ municipality_code: code }).pluck('team_id'));
    const otherTeams: { id: string; region_id: string }[] =
      others.length === 0 ? [] : await trx('teams').whereIn('id', others).select('id', 'region_id');
    others.forEach((id, index) => {
      const found = otherTeams.find((t) => t.id === id);
      if (!found) throw new InvalidReferenceError(`alsoServedByTeamIds.${index}`, `no team ${id}`);
      if (found.region_id !== team.region_id)
        throw new InvalidReferenceError(`alsoServedByTeamIds.${index}`, `team ${id} is not in region ${team.region_id} of team ${teamId}`);
      if (id === teamId) throw new InvalidReferenceError(`alsoServedByTeamIds.${index}`, `team ${id} is already the default team`);
    });
    await trx('municipalities').where({ code }).update({ team_id: teamId, region_id: team.region_id });
    await trx('municipality_alternative_teams').where({ municipality_code: code }).delete();
    if (others.length > 0)
      await trx('municipality_alternative_teams').insert(others.map((id) => ({ municipality_code: code, team_id: id })));
    return (await listMunicipalities(trx)).find((m) => m.code === code)!;
  });
}
