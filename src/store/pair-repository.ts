import type { Knex } from 'knex';
import type { PreviousPair } from '../domain/pairing.js';
import { PATHWAY_REGISTER, type RegisterCode } from '../domain/registers.js';
import { CaseClosedError, lockCase } from './case-lock.js';

/** One work pair assigned to a case, for as long as it served. */
export interface PairAssignmentRow {
  id: number;
  caseId: string;
  nurseId: string;
  socialWorkerId: string;
  assignedAt: Date;
  releasedAt: Date | null;
  manual: boolean;
  jobKey: string | null;
  register: RegisterCode;
}

interface PairAssignmentRecord {
  id: number;
  case_id: string;
  nurse_id: string;
  social_worker_id: string;
  assigned_at: Date;
  released_at: Date | null;
  manual: boolean;
  job_key: string | null;
  register: RegisterCode;
}

/** A pair to assign: from the `form-work-pair` job, or named by the team lead (manual). */
export interface AssignPairInput {
  caseId: string;
  nurseId: string;
  socialWorkerId: string;
  at: Date;
  /** The job's key; null for a manual assignment made outside a job. */
  jobKey: string | null;
  manual: boolean;
}

/**
 * Makes the pair the case's active pair, releasing the previous one, in one transaction; the
 * history keeps every pair. Replaying a job key returns the first delivery's row. Assigning the
 * pair that is already active changes nothing. Throws CaseClosedError on a closed case.
 */
export async function assignPair(knex: Knex, input: AssignPairInput): Promise<PairAssignmentRow> {
  return knex.transaction(async (trx) => {
    const { closed } = await lockCase(trx, input.caseId);
    if (input.jobKey !== null) {
      const replayed = await trx<PairAssignmentRecord>('pair_assignments').where({ job_key: input.jobKey }).first();
      if (replayed) return toPairRow(replayed);
    }
    if (closed) throw new CaseClosedError(input.caseId);
    const active = await activeRecord(trx, input.caseId);
    if (active && active.nurse_id === input.nurseId && active.social_worker_id === input.socialWorkerId) return toPairRow(active);
    await releaseActivePair(trx, input.caseId, input.at);
    const [row] = await trx<PairAssignmentRecord>('pair_assignments')
      .insert({
        case_id: input.caseId,
        nurse_id: input.nurseId,
        social_worker_id: input.socialWorkerId,
        assigned_at: input.at,
        manual: input.manual,
        job_key: input.jobKey,
        register: PATHWAY_REGISTER,
      })
      .returning('*');
    return toPairRow(row);
  });
}

/** Releases the case's active pair (their caseload drops); returns it, or null if there was none. */
export async function releasePair(knex: Knex, input: { caseId: string; at: Date }): Promise<PairAssignmentRow | null> {
  return knex.transaction(async (trx) => {
    await lockCase(trx, input.caseId);
    return releaseActivePair(trx, input.caseId, input.at);
  });
}

/** Releases the active pair inside the caller's transaction, which holds the case lock. */
export async function releaseActivePair(trx: Knex.Transaction, caseId: string, at: Date): Promise<PairAssignmentRow | null> {
  const [row] = await trx<PairAssignmentRecord>('pair_assignments')
    .where({ case_id: caseId })
    .whereNull('released_at')
    .update({ released_at: trx.raw('greatest(?::timestamptz, assigned_at)', [at]) })
    .returning('*');
  return row ? toPairRow(row) : null;
}

/** The case's active pair, or undefined. */
export async function activePair(knex: Knex, caseId: string): Promise<PairAssignmentRow | undefined> {
  const row = await activeRecord(knex, caseId);
  return row && toPairRow(row);
}

/** Every pair the case has had, oldest first. */
export async function pairHistory(knex: Knex, caseId: string): Promise<PairAssignmentRow[]> {
  const rows = await knex<PairAssignmentRecord>('pair_assignments')
    .where({ case_id: caseId })
    .orderBy([{ column: 'assigned_at' }, { column: 'id' }]);
  return rows.map(toPairRow);
}

/**
 * The client's most recent pair, for continuity: across all of the client's cases (matched by
 * the henkilötunnus's blind index in `case_identities`) and this one. Null for a first-time client.
 */
export async function findPreviousPair(knex: Knex, caseId: string): Promise<PreviousPair | null> {
  const sameClientCases = knex('case_identities as mine')
    .join('case_identities as theirs', 'theirs.henkilotunnus_index', 'mine.henkilotunnus_index')
    .where('mine.case_id', caseId)
    .select('theirs.case_id');
  const row = await knex<PairAssignmentRecord>('pair_assignments')
    .where((q) => q.where('case_id', caseId).orWhereIn('case_id', sameClientCases))
    .orderBy([
      { column: 'assigned_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first();
  return row ? { nurseId: row.nurse_id, socialWorkerId: row.social_worker_id } : null;
}

/**
 * A subquery (professional_id, active_cases) of each professional's active assignments, as nurse
 * or as social-side worker: the caseload that pairing balances and dashboards show. Kept in
 * `professional_caseloads` with every assignment and release (migration 20261207090000).
 */
export function activeCaseCounts(knex: Knex): Knex.QueryBuilder {
  return knex('professional_caseloads').select('professional_id', 'active_cases');
}

async function activeRecord(knex: Knex, caseId: string): Promise<PairAssignmentRecord | undefined> {
  return knex<PairAssignmentRecord>('pair_assignments').where({ case_id: caseId }).whereNull('released_at').first();
}

function toPairRow(r: PairAssignmentRecord): PairAssignmentRow {
  return {
    id: r.id,
    caseId: r.case_id,
    nurseId: r.nurse_id,
    socialWorkerId: r.social_worker_id,
    assignedAt: r.assigned_at,
    releasedAt: r.released_at,
    manual: r.manual,
    jobKey: r.job_key,
    register: r.register,
  };
}
