import type { Logger } from 'pino';
import { backoffDelayMs, isStalled, type RetryBackoff } from '../domain/retry-backoff.js';
import { reconcileCase, type PathwayDeps } from './start-pathway.js';
import { listCasesWithoutPathway, recordPathwayFailure, type CaseWithoutPathway } from '../store/intake-queries.js';

/** Cases one pass takes on; any beyond wait for the next pass. */
const PASS_LIMIT = 100;

/**
 * A case that failed waits a minute, then 2, 4, 8 …, at most an hour; after five failures in a row
 * (about a quarter of an hour past the grace period) its team lead sees it on the dashboard.
 */
export const DEFAULT_RETRY_BACKOFF: RetryBackoff = { firstMs: 60_000, maxMs: 60 * 60_000, stallAfter: 5 };

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
  /** Cases the engine or the database failed on; each is tried again after its back-off. */
  failed: string[];
  /** Cases that failed once too often on this pass and are now shown to their team lead as stalled. */
  stalled: string[];
}

/** How a pass goes: the grace period for a new case, and the back-off after failures. */
export interface ReconcileOptions {
  graceMs: number;
  backoff?: RetryBackoff;
}

/**
 * One pass over the open cases recorded more than `graceMs` ago that have no process instance and
 * whose back-off is over: each gets its pathway (src/intake/start-pathway.ts). A case that fails is
 * left for a later pass, further off after each failure in a row, and stalled after too many; the
 * others go on. Each change of a case's state is logged once: its first failure, its stall, its
 * recovery; the failures in between are not.
 */
export async function reconcileIntake(deps: PathwayDeps & { logger: Logger }, options: ReconcileOptions): Promise<ReconcileReport> {
  const backoff = options.backoff ?? DEFAULT_RETRY_BACKOFF;
  const report: ReconcileReport = { started: [], attached: [], busy: [], failed: [], stalled: [] };
  for (const waiting of await listCasesWithoutPathway(deps.knex, options.graceMs, PASS_LIMIT)) {
    const { caseId } = waiting;
    try {
      const done = await reconcileCase(deps, caseId);
      if (done.outcome === 'started' || done.outcome === 'attached') {
        report[done.outcome].push({ caseId, processInstanceKey: done.processInstanceKey });
        const how = done.outcome === 'started' ? 'pathway started' : 'its running pathway attached';
        deps.logger.info(
          { caseId, processInstanceKey: done.processInstanceKey, ...(waiting.attempts > 0 ? { failedAttempts: waiting.attempts } : {}) },
          `case without a pathway: ${how}${waiting.stalled ? ', its stall cleared' : ''}`,
        );
        if (done.outcome === 'attached' && done.others.length > 0)
          deps.logger.warn({ caseId, processInstanceKeys: done.others }, 'case has more than one pathway instance: the oldest attached');
      } else if (done.outcome === 'busy') {
        report.busy.push(caseId);
      }
    } catch (error) {
      report.failed.push(caseId);
      if (await recordFailure(deps, waiting, error, backoff)) report.stalled.push(caseId);
    }
  }
  return report;
}

/** Records a failed attempt and logs it if it changes the case's state; whether the case stalled just now. */
async function recordFailure(
  deps: PathwayDeps & { logger: Logger },
  waiting: CaseWithoutPathway,
  error: unknown,
  backoff: RetryBackoff,
): Promise<boolean> {
  const { caseId } = waiting;
  const attempts = waiting.attempts + 1;
  const retryInMs = backoffDelayMs(attempts, backoff);
  const stalled = isStalled(attempts, backoff);
  await recordPathwayFailure(deps.knex, caseId, {
    attempts,
    retryInMs,
    stalled,
    error: error instanceof Error ? error.message : String(error),
  });
  const context = { err: error, caseId, attempts, retryInMs };
  if (stalled && !waiting.stalled) {
    deps.logger.error(context, 'case without a pathway: stalled after failing again and again, shown to its team lead; still retried');
  } else if (attempts === 1) {
    deps.logger.warn(context, 'case without a pathway: reconciling failed, retried with back-off');
  } else {
    deps.logger.debug(context, 'case without a pathway: reconciling failed again');
  }
  return stalled && !waiting.stalled;
}
