import type { Knex } from 'knex';
import type { CamundaClient } from '../camunda-client.js';
import { CaseNotFoundError } from '../store/case-lock.js';
import { attachProcessInstance } from '../store/case-repository.js';
import { lockCaseStart, tryLockCaseStart } from '../store/case-start-lock.js';
import { clearPathwayFailures, markPathwayRequested } from '../store/intake-queries.js';
import { readCaseToStart } from './pathway-variables.js';
import { findPathwayInstances, startPathwayInstance } from './pathway-engine.js';

/** What starting or finding a case's pathway needs. */
export interface PathwayDeps {
  knex: Knex;
  camunda: CamundaClient;
}

/** What reconciling one case did. */
export type CaseReconciliation =
  | { outcome: 'started'; processInstanceKey: string }
  /** `others`: further instances found for the case, which should not exist; logged, left alone. */
  | { outcome: 'attached'; processInstanceKey: string; others: string[] }
  /** Another intake or reconciler holds the case's start lock: the next pass looks again. */
  | { outcome: 'busy' }
  /** Linked or closed meanwhile, or gone: nothing to do. */
  | { outcome: 'settled' };

/**
 * Starts the pathway of a case the intake has just recorded and attaches its key, in one
 * transaction under the case's start lock. Throws PathwayEngineError when the engine does not
 * start it: the case then stays without a key, and the reconciler starts it later.
 */
export async function startCasePathway(deps: PathwayDeps, caseId: string): Promise<string> {
  return deps.knex.transaction(async (trx) => {
    await lockCaseStart(trx, caseId);
    const found = await readCaseToStart(trx, caseId);
    if (!found) throw new CaseNotFoundError(caseId);
    if (found.processInstanceKey) return found.processInstanceKey;
    const processInstanceKey = await startPathwayInstance(deps.camunda, found.variables);
    await attachProcessInstance(trx, caseId, processInstanceKey);
    return processInstanceKey;
  });
}

/**
 * Gives an open case without a key its pathway: attaches the instance already started for it (the
 * intake stopped between starting and attaching), else starts one exactly as the intake does.
 * Skips the case while anyone else holds its start lock, so two app processes never both start it.
 * Each attempt is stamped first, so a failed one is retried only after the grace period. A case
 * that settles forgets its failed attempts, and its stall.
 */
export async function reconcileCase(deps: PathwayDeps, caseId: string): Promise<CaseReconciliation> {
  return deps.knex.transaction(async (trx) => {
    if (!(await tryLockCaseStart(trx, caseId))) return { outcome: 'busy' };
    const found = await readCaseToStart(trx, caseId);
    if (!found || found.closed || found.processInstanceKey) {
      if (found) await clearPathwayFailures(trx, caseId);
      return { outcome: 'settled' };
    }
    await markPathwayRequested(deps.knex, caseId);
    const [existing, ...others] = await findPathwayInstances(deps.camunda, caseId);
    if (existing) {
      await attachProcessInstance(trx, caseId, existing);
      await clearPathwayFailures(trx, caseId);
      return { outcome: 'attached', processInstanceKey: existing, others };
    }
    const processInstanceKey = await startPathwayInstance(deps.camunda, found.variables);
    await attachProcessInstance(trx, caseId, processInstanceKey);
    await clearPathwayFailures(trx, caseId);
    return { outcome: 'started', processInstanceKey };
  });
}
