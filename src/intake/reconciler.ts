import type { Logger } from 'pino';
import type { PathwayDeps } from './start-pathway.js';
import type { RetryBackoff } from '../domain/retry-backoff.js';
import { reconcileIntake, type ReconcileReport } from './reconcile-pass.js';

/**
 * Default grace period on the embedded engine: its searches read the tables its commands write,
 * so an instance is found as soon as it exists; the grace only spares cases still being opened.
 */
export const EMBEDDED_GRACE_MS = 30_000;

/**
 * Default grace period on a cluster: process-instance searches read secondary storage, which the
 * exporter fills behind Zeebe (seconds normally, minutes under load or after a restart). A case
 * younger than that may have an instance the search cannot see yet, and starting another would
 * give it two pathways.
 */
export const CLUSTER_GRACE_MS = 5 * 60_000;

/** The reconciler running in this process. */
export interface IntakeReconciler {
  /** Runs a pass after any pass in progress in this process, and reports what it did. */
  runOnce(): Promise<ReconcileReport>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

export interface IntakeReconcilerOptions {
  /** How long a case may be without a process instance before the reconciler steps in. */
  graceMs: number;
  /** How often a pass runs. */
  intervalMs: number;
  /** How long a case that failed waits, and after how many failures it stalls; reconcile-pass.ts's default when not given. */
  backoff?: RetryBackoff;
}

/**
 * Runs a reconciliation pass now and then every `intervalMs` (an unref'd timer: it never keeps the
 * process alive). Passes in one process run one after another; a tick while a pass runs is skipped.
 */
export function startIntakeReconciler(deps: PathwayDeps & { logger: Logger }, options: IntakeReconcilerOptions): IntakeReconciler {
  const logger = deps.logger.child({ component: 'intake-reconciler' });
  let queue: Promise<unknown> = Promise.resolve();
  let pending = 0;

  const runOnce = (): Promise<ReconcileReport> => {
    pending++;
    const pass = queue
      .then(() => reconcileIntake({ ...deps, logger }, { graceMs: options.graceMs, backoff: options.backoff }))
      .finally(() => pending--);
    queue = pass.catch(() => undefined);
    return pass;
  };

  const tick = () => {
    if (pending > 0) return;
    runOnce().then(
      (report) => {
        const counts = {
          started: report.started.length,
          attached: report.attached.length,
          busy: report.busy.length,
          failed: report.failed.length,
          stalled: report.stalled.length,
        };
        // Each case's changes are logged as they happen (reconcile-pass.ts); a pass that only failed again says nothing new.
        if (counts.started + counts.attached + counts.stalled > 0) logger.info(counts, 'intake reconciled');
        else logger.debug(counts, 'intake reconciled: nothing new');
      },
      (error: unknown) => logger.error({ err: error }, 'intake reconciliation pass failed'),
    );
  };

  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  tick();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await queue;
    },
  };
}
