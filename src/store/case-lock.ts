import type { Knex } from 'knex';

/** No case with this id in the read model. */
export class CaseNotFoundError extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} not found`);
    this.name = 'CaseNotFoundError';
  }
}

/** The case is closed; nothing more can be recorded on its pathway. */
export class CaseClosedError extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} is closed`);
    this.name = 'CaseClosedError';
  }
}

/**
 * Locks the case row until the transaction ends and returns whether it is closed. Every change
 * that reads then writes a case's history (close the open stage, open the next) takes this lock
 * first, so two workers on the same case run one after the other instead of interleaving. Take
 * it before looking for a replayed job key: a second delivery of the same job then waits for the
 * first to commit and finds its row, instead of racing it.
 */
export async function lockCase(trx: Knex.Transaction, caseId: string): Promise<{ closed: boolean }> {
  const row = await trx('cases').select('closed_at').where({ case_id: caseId }).forUpdate().first<{ closed_at: Date | null } | undefined>();
  if (!row) throw new CaseNotFoundError(caseId);
  return { closed: row.closed_at !== null };
}
