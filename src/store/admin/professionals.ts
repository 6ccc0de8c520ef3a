import type { Knex } from 'knex';
import type { Professional } from '../../domain/organisation.js';
import { isPairRole, type RoleCode } from '../../domain/roles.js';
import { ConflictError, InvalidReferenceError, NotFoundError } from './admin-errors.js';
import { referencesTo } from './references.js';
import { listProfessionals } from '../org-repository.js';

/** What an administrator may change on a professional; absent fields stay. */
export type ProfessionalChanges = Partial<Omit<Professional, 'id'>>;

const PROFESSIONAL_REFERENCES = [
  { table: 'pair_assignments', column: 'nurse_id', label: 'pair assignments (nurse)' },
  { table: 'pair_assignments', column: 'social_worker_id', label: 'pair assignments (social side)' },
  { table: 'teams', column: 'consultant_id', label: 'teams (consultant)' },
] as const;

interface ProfessionalRecord {
  role: RoleCode;
  team_id: string;
  capacity: number;
}

/** Only the pair's roles are paired (leads, consultants and the team's other members never), so a capacity would promise cases they cannot take. */
function checkCapacity(role: RoleCode, capacity: number): void {
  if (!isPairRole(role) && capacity > 0) {
    throw new InvalidReferenceError('capacity', `must be 0 for role ${role}, which is never paired`);
  }
}

/** Adds a professional to a team. */
export async function createProfessional(knex: Knex, professional: Professional): Promise<Professional> {
  return knex.transaction(async (trx) => {
    if (await trx('professionals').where({ id: professional.id }).first())
      throw new ConflictError(`Professional ${professional.id} already exists`);
    checkCapacity(professional.role, professional.capacity);
    await requireTeam(trx, professional.teamId);
    await trx('professionals').insert({
      id: professional.id,
      display_name: professional.displayName,
      role: professional.role,
      team_id: professional.teamId,
      capacity: professional.capacity,
      active: professional.active,
      absent_until: professional.absentUntil,
    });
    return requireProfessional(trx, professional.id, professional.teamId);
  });
}

/**
 * Changes a professional in one transaction. Capacity, activity and absence change freely (pairing
 * reads them for new cases only). Team and role stay while the person carries active cases, or is
 * their team's consultant: a pair member's role and team are what the pair was formed on.
 */
export async function updateProfessional(knex: Knex, id: string, changes: ProfessionalChanges): Promise<Professional> {
  return knex.transaction(async (trx) => {
    const current = await trx('professionals')
      .where({ id })
      .forUpdate()
      .first<ProfessionalRecord | undefined>('role', 'team_id', 'capacity');
    if (!current) throw new NotFoundError(`professional ${id}`);
    checkCapacity(changes.role ?? current.role, changes.capacity ?? current.capacity);
    const movesTeam = changes.teamId !== undefined && changes.teamId !== current.team_id;
    const changesRole = changes.role !== undefined && changes.role !== current.role;
    if (movesTeam) await requireTeam(trx, changes.teamId!);
    if (movesTeam || changesRole) {
      const active = await trx('pair_assignments')
        .whereNull('released_at')
        .where((q) => q.where('nurse_id', id).orWhere('social_worker_id', id))
        .count<{ count: string }[]>('* as count')
        .first();
      if (Number(active?.count ?? 0) > 0) {
        throw new ConflictError(`Professional ${id} carries ${active!.count} active cases: reassign them before changing team or role`);
      }
      const consultantOf = await trx('teams').where({ consultant_id: id }).pluck('id');
      if (consultantOf.length > 0)
        throw new ConflictError(`Professional ${id} is the consultant of team ${consultantOf.join(', ')}: name another consultant first`);
    }
    const record = {
      ...(changes.displayName === undefined ? {} : { display_name: changes.displayName }),
      ...(changes.role === undefined ? {} : { role: changes.role }),
      ...(changes.teamId === undefined ? {} : { team_id: changes.teamId }),
      ...(changes.capacity === undefined ? {} : { capacity: changes.capacity }),
      ...(changes.active === undefined ? {} : { active: changes.active }),
      ...(changes.absentUntil === undefined ? {} : { absent_until: changes.absentUntil }),
    };
    if (Object.keys(record).length > 0) await trx('professionals').where({ id }).update(record);
    return requireProfessional(trx, id, changes.teamId ?? current.team_id);
  });
}

/** Deletes a professional nothing refers to; otherwise a ConflictError (deactivate them instead). */
export async function deleteProfessional(knex: Knex, id: string): Promise<void> {
  await knex.transaction(async (trx) => {
    if (!(await trx('professionals').where({ id }).forUpdate().first())) throw new NotFoundError(`professional ${id}`);
    const references = await referencesTo(trx, PROFESSIONAL_REFERENCES, id);
    if (references.length > 0)
      throw new ConflictError(`Professional ${id} cannot be deleted: ${references.join(', ')} refer to them. Set active to false instead.`);
    await trx('professionals').where({ id }).delete();
  });
}

async function requireProfessional(trx: Knex.Transaction, id: string, teamId: string): Promise<Professional> {
  const found = (await listProfessionals(trx, teamId)).find((p) => p.id === id);
  if (!found) throw new NotFoundError(`professional ${id}`);
  return found;
}

async function requireTeam(trx: Knex.Transaction, teamId: string): Promise<void> {
  if (!(await trx('teams').where({ id: teamId }).first())) throw new InvalidReferenceError('teamId', `no team ${teamId}`);
}
