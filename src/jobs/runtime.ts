import type { Logger } from 'pino';
import { z } from 'zod';
import type { CamundaClient } from '../camunda-client.js';
import type { AuditActor } from '../store/audit-repository.js';
import type { WorkerDefinition } from './definition.js';
import type { JobObserver } from './job-observer.js';
import { camunda8Job, type ActivatedJob } from './job-settlement.js';
import { jobsInHand } from './jobs-in-hand.js';

/**
 * How long a worker's long poll waits for a job. Longer than Camunda's default 10 s: the engine
 * answers a poll as soon as a job is there whatever this is, and at rest every poll that ends
 * empty is a request (a dozen job types at 10 s cost the idle service a per cent of a core);
 * 30 s stays under the 60 s idle limit of common load balancers in front of a cluster.
 */
export const LONG_POLL_MS = 30_000;

export interface WorkerRuntimeOptions {
  /** Jobs a worker handles at once. */
  concurrency: number;
  /** How long an activated job stays locked to this worker. */
  jobTimeoutMs: number;
  /** Longest wait between polls while the engine does not answer (the client doubles the wait from 1 s up to this). */
  reconnectMaxMs?: number;
  logger: Logger;
  observer?: JobObserver;
}

/**
 * How a job that follows a professional's task completion gets dependencies whose writes the use
 * log names as that professional's (src/jobs/completed-by.ts); the work's writes are committed
 * before the engine is told.
 */
export interface ActingDeps<Deps> {
  actingFor<T>(actor: AuditActor, work: (deps: Deps) => Promise<T>): Promise<T>;
}

/** What stopping did with the jobs in hand. */
export interface StopReport {
  /** Jobs still running when the wait ran out, handed back to the engine with their retries unchanged. */
  released: number;
}

/** Running job workers, and how to stop them letting active jobs finish. */
export interface WorkerRuntime {
  /** Jobs whose handler is running now. */
  activeJobs(): number;
  /** True from the moment stop() is called. */
  stopping(): boolean;
  stop(waitUpToMs?: number): Promise<StopReport>;
}

/**
 * The one place that registers job workers with the official client (Camunda 8 jobs); each job
 * runs through jobsInHand (src/jobs/jobs-in-hand.ts), as the external-task transport's do.
 *
 * Only the variables the input schema names are fetched: a worker never receives, and so can
 * never log or leak, the rest of the process's data.
 */
export function startWorkers<Deps>(
  client: CamundaClient,
  definitions: ReadonlyArray<WorkerDefinition<z.ZodType, z.ZodType, Deps>>,
  deps: Deps,
  options: WorkerRuntimeOptions,
  acting?: ActingDeps<Deps>,
): WorkerRuntime {
  const jobs = jobsInHand(deps, options, acting);
  const workers = definitions.map((definition) =>
    client.createJobWorker({
      jobType: definition.jobType,
      workerName: `sote-tyopari:${definition.jobType}`,
      maxParallelJobs: options.concurrency,
      jobTimeoutMs: options.jobTimeoutMs,
      pollTimeoutMs: LONG_POLL_MS,
      ...(options.reconnectMaxMs !== undefined ? { pollBackoffMaxMs: options.reconnectMaxMs } : {}),
      fetchVariables: variableNames(definition.Input),
      jobHandler: (job: ActivatedJob) =>
        jobs.handle(definition, {
          jobType: definition.jobType,
          job: camunda8Job(job),
          ignore: () => job.ignore(),
          handBack: () =>
            job.fail({
              errorMessage: 'The worker stopped before finishing the job; handed back to be done again',
              retries: job.retries,
              retryBackOff: 0,
            }),
        }),
    }),
  );

  return {
    activeJobs: jobs.size,
    stopping: jobs.stopping,
    // Stop polling first (cancelling the long polls, or stopping would wait out each poll's
    // LONG_POLL_MS). A job the engine handed to a cancelled poll never reached a handler: it returns to
    // the engine when its timeout runs out.
    stop: (waitUpToMs = 10_000) => jobs.stop(() => workers.forEach((worker) => worker.stop()), waitUpToMs),
  };
}

/** The top-level keys of an object schema; undefined (fetch all) for any other schema. */
export function variableNames(schema: z.ZodType): string[] | undefined {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : undefined;
}
