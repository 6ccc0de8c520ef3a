import type { Logger } from 'pino';
import { reconcileCase, type PathwayDeps } from './start-pathway.js';
import { listCasesWithoutPathway } from '../store/intake-queries.js';

/** Cases one pass takes on; any beyond wait for the next pass. */
const PASS_LIMIT = 100;

/** A case and the process instance it now runs in. */
export interface CaseLink {
  caseId: string;
  processInstanceKey: string;
}

/** What one reconciliation pass did. */
export interface ReconcileReport {
  /** Cases whose pathway this pass started. */
  started: CaseLink[];
  /** Cases whose already running pathway this pass attached. */
  attached: CaseLink[];
  /** Cases another process was starting or reconciling at the same moment. */
  busy: string[];
  /** Cases the engine or the database failed on; the next pass tries them again. */
  failed: string[];
}

/**
 * One pass over the open cases recorded more than `graceMs` ago that have no process instance:
 * each gets its pathway (src/intake/start-pathway.ts). A case that fails is logged and left for
 * the next pass; the others go on.
 */
export async function reconcileIntake(deps: PathwayDeps & { logger: Logger }, options: { graceMs: number }): Promise<ReconcileReport> {
  const report: ReconcileReport = { started: [], attached: [], busy: [], failed: [] };
  for (const caseId of await listCasesWithoutPathway(deps.knex, options.graceMs, PASS_LIMIT)) {
    try {
      const done = await reconcileCase(deps, caseId);
      if (done.outcome === 'started') {
        report.started.push({ caseId, processInstanceKey: done.processInstanceKey });
        deps.logger.info({ caseId, processInstanceKey: done.processInstanceKey }, 'case without a pathway: pathway started');
      } else if (done.outcome === 'attached') {
        report.attached.push({ caseId, processInstanceKey: done.processInstanceKey });
        deps.logger.info({ caseId, processInstanceKey: done.processInstanceKey }, 'case without a pathway: its running pathway attached');
        if (done.others.length > 0)
          deps.logger.warn({ caseId, processInstanceKeys: done.others }, 'case has more than one pathway instance: the oldest attached');
      } else if (done.outcome === 'busy') {
        report.busy.push(caseId);
      }
    } catch (error) {
      report.failed.push(caseId);
      deps.logger.error({ err: error, caseId }, 'case without a pathway: reconciling failed, retried on the next pass');
    }
  }
  return report;
}
