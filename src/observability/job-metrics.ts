import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JobObserver, JobOutcome } from '../jobs/job-observer.js';

/** Prometheus metrics of the job workers, and the registry /metrics serves them from. */
export interface WorkerMetrics extends JobObserver {
  registry: Registry;
  /** Called with every answer or network failure of the engine (see engine-reachability.ts). */
  engineReachable(reachable: boolean): void;
}

/**
 * A fresh registry per call (no global default registry), so tests and the in-process service can
 * each have their own. Outcomes map onto three counters so that "failed per type" is one query:
 * completed, failed (every way a job did not complete, by reason) and BPMN errors (a business
 * outcome the diagram handles, so neither a success nor a failure).
 */
export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sote_workers_' });
  const activated = new Counter({
    name: 'sote_jobs_activated_total',
    help: 'Jobs taken from the engine, per job type',
    labelNames: ['job_type'],
    registers: [registry],
  });
  const completed = new Counter({
    name: 'sote_jobs_completed_total',
    help: 'Jobs completed, per job type',
    labelNames: ['job_type'],
    registers: [registry],
  });
  const failed = new Counter({
    name: 'sote_jobs_failed_total',
    help: 'Jobs not completed, per job type and reason (invalid-variables, unusable-variables and handler-error fail the job; released hands it back at shutdown; unacknowledged: the engine could not be told)',
    labelNames: ['job_type', 'reason'],
    registers: [registry],
  });
  const bpmnErrors = new Counter({
    name: 'sote_jobs_bpmn_errors_total',
    help: 'Jobs ended with a BPMN error for the diagram to catch, per job type',
    labelNames: ['job_type'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'sote_job_handler_duration_seconds',
    help: 'Time from taking a job to acknowledging it, per job type and outcome',
    labelNames: ['job_type', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const active = new Gauge({ name: 'sote_jobs_active', help: 'Jobs in hand right now', registers: [registry] });
  const engineUp = new Gauge({
    name: 'sote_engine_reachable',
    help: '1 while the engine answers requests, 0 after a request failed to reach it',
    registers: [registry],
  });

  return {
    registry,
    jobActivated(jobType) {
      activated.inc({ job_type: jobType });
      active.inc();
    },
    jobFinished(jobType, outcome: JobOutcome, seconds) {
      active.dec();
      duration.observe({ job_type: jobType, outcome }, seconds);
      if (outcome === 'completed') completed.inc({ job_type: jobType });
      else if (outcome === 'bpmn-error') bpmnErrors.inc({ job_type: jobType });
      else failed.inc({ job_type: jobType, reason: outcome });
    },
    engineReachable(reachable) {
      engineUp.set(reachable ? 1 : 0);
    },
  };
}
