import type { Knex } from 'knex';

/**
 * The first key of the intake's advisory locks (the second is the case id's hash), so they
 * cannot meet another part's locks. Two cases whose ids hash alike share a lock: one waits or is
 * skipped for a moment, which is harmless.
 */
const CASE_START_LOCK_SPACE = 0x1a7e;

/**
 * Takes the case's start lock until the transaction ends, waiting for a holder to finish. The
 * intake holds it from starting the pathway to attaching its key, so a reconciler never looks at a
 * case whose start is under way, however long the engine takes to answer. An advisory lock rather
 * than the row's: job workers lock the case row, and the new pathway's first jobs must not wait
 * for the intake's engine call.
 */
export async function lockCaseStart(trx: Knex.Transaction, caseId: string): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [CASE_START_LOCK_SPACE, caseId]);
}

/** Takes the case's start lock until the transaction ends if no one holds it; false if someone does. */
export async function tryLockCaseStart(trx: Knex.Transaction, caseId: string): Promise<boolean> {
  const result = await trx.raw<{ rows: Array<{ locked: boolean }> }>('SELECT pg_try_advisory_xact_lock(?, hashtext(?)) AS locked', [
    CASE_START_LOCK_SPACE,
    caseId,
  ]);
  return result.rows[0]?.locked === true;
}
