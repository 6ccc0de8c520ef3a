import type { Knex } from 'knex';
import { PATHWAY_REGISTER, type RegisterCode } from '../domain/registers.js';
import { CaseClosedError, lockCase } from './case-lock.js';

/** A responsible sosiaalityöntekijä of a case (SHL 42 §), for as long as they served. */
export interface ResponsibleSocialWorkerRow {
  id: number;
  caseId: string;
  professionalId: string;
  assignedAt: Date;
  releasedAt: Date | null;
  manual: boolean;
  jobKey: string;
  register: RegisterCode;
}

interface ResponsibleSocialWorkerRecord {
  id: number;
  case_id: string;
  professional_id: string;
  assigned_at: Date;
  released_at: Date | null;
  manual: boolean;
  job_key: string;
  register: RegisterCode;
}

/** An assignment by the `assign-responsible-social-worker` job. */
export interface AssignResponsibleSocialWorkerInput {
  caseId: string;
  professionalId: string;
  at: Date;
  jobKey: string;
  manual: boolean;
}

/**
 * Makes the professional the case's responsible social worker, releasing the previous one, in one
 * transaction; the pair is not touched. Replaying a job key returns the first delivery's row;
 * assigning the one already active changes nothing. Throws CaseClosedError on a closed case.
 */
export async function assignResponsibleSocialWorker(
  knex: Knex,
  input: AssignResponsibleSocialWorkerInput,
): Promise<ResponsibleSocialWorkerRow> {
  return knex.transaction(async (trx) => {
    const { closed } = await lockCase(trx, input.caseId);
    const replayed = await trx<ResponsibleSocialWorkerRecord>('responsible_social_workers').where({ job_key: input.jobKey }).first();
    if (replayed) return toRow(replayed);
    if (closed) throw new CaseClosedError(input.caseId);
    const active = await activeRecord(trx, input.caseId);
    if (active?.professional_id === input.professionalId) return toRow(active);
    await releaseResponsibleSocialWorker(trx, input.caseId, input.at);
    const [row] = await trx<ResponsibleSocialWorkerRecord>('responsible_social_workers')
      .insert({
        case_id: input.caseId,
        professional_id: input.professionalId,
        assigned_at: input.at,
        manual: input.manual,
        job_key: input.jobKey,
        register: PATHWAY_REGISTER,
      })
      .returning('*');
    return toRow(row);
  });
}

/** Releases the case's active responsible social worker inside the caller's transaction, which holds the case lock. */
export async function releaseResponsibleSocialWorker(trx: Knex.Transaction, caseId: string, at: Date): Promise<void> {
  await trx('responsible_social_workers')
    .where({ case_id: caseId })
    .whereNull('released_at')
    .update({ released_at: trx.raw('greatest(?::timestamptz, assigned_at)', [at]) });
}

/** Every responsible social worker the case has had, oldest first. */
export async function responsibleSocialWorkerHistory(knex: Knex, caseId: string): Promise<ResponsibleSocialWorkerRow[]> {
  const rows = await knex<ResponsibleSocialWorkerRecord>('responsible_social_workers')
    .where({ case_id: caseId })
    .orderBy([{ column: 'assigned_at' }, { column: 'id' }]);
  return rows.map(toRow);
}

async function activeRecord(knex: Knex, caseId: string): Promise<ResponsibleSocialWorkerRecord | undefined> {
  return knex<ResponsibleSocialWorkerRecord>('responsible_social_workers').where({ case_id: caseId }).whereNull('released_at').first();
}

function toRow(r: ResponsibleSocialWorkerRecord): ResponsibleSocialWorkerRow {
  return {
    id: r.id,
    caseId: r.case_id,
    professionalId: r.professional_id,
    assignedAt: r.assigned_at,
    releasedAt: r.released_at,
    manual: r.manual,
    jobKey: r.job_key,
    register: r.register,
  };
}
