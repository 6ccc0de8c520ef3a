import type { Logger } from 'pino';
import { z } from 'zod';
import type { CamundaClient } from '../camunda-client.js';
import type { AuditActor } from '../store/audit-repository.js';
import { completedByOf } from './completed-by.js';
import type { WorkerDefinition } from './definition.js';
import { noJobObserver, type JobObserver, type JobOutcome } from './job-observer.js';
import { settleJob, type ActivatedJob } from './job-settlement.js';

type JobWorker = ReturnType<CamundaClient['createJobWorker']>;

/**
 * How long a worker's long poll waits for a job. Longer than Camunda's default 10 s: the engine
 * answers a poll as soon as a job is there whatever this is, and at rest every poll that ends
 * empty is a request (a dozen job types at 10 s cost the idle service a per cent of a core);
 * 30 s stays under the 60 s idle limit of common load balancers in front of a cluster.
 */
const LONG_POLL_MS = 30_000;

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
  workers: JobWorker[];
  /** Jobs whose handler is running now. */
  activeJobs(): number;
  /** True from the moment stop() is called. */
  stopping(): boolean;
  stop(waitUpToMs?: number): Promise<StopReport>;
}

/** A job being handled: whether its answer is on its way, or shutdown has already answered for it. */
interface InHand {
  job: ActivatedJob;
  jobType: string;
  startedAt: number;
  answering: boolean;
  released: boolean;
}

/**
 * The one place that registers job workers with the official client. Each job runs through
 * settleJob (input schema, handler, output schema); the answer is then sent to the engine. When
 * the engine cannot be told (it went away mid-job), the job is left to its timeout: the engine
 * hands it out again and the idempotent workers do no harm doing it twice.
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
  const observer = options.observer ?? noJobObserver;
  const inHand = new Map<string, InHand>();
  let stopping = false;
  const finish = (entry: InHand, outcome: JobOutcome) =>
    observer.jobFinished(entry.jobType, outcome, (performance.now() - entry.startedAt) / 1000);

  const workers = definitions.map((definition) =>
    client.createJobWorker({
      jobType: definition.jobType,
      workerName: `sote-tyopari:${definition.jobType}`,
      maxParallelJobs: options.concurrency,
      jobTimeoutMs: options.jobTimeoutMs,
      pollTimeoutMs: LONG_POLL_MS,
      ...(options.reconnectMaxMs !== undefined ? { pollBackoffMaxMs: options.reconnectMaxMs } : {}),
      fetchVariables: variableNames(definition.Input),
      jobHandler: async (job: ActivatedJob) => {
        const entry: InHand = { job, jobType: definition.jobType, startedAt: performance.now(), answering: false, released: false };
        const jobKey = String(job.jobKey);
        const log = options.logger.child({ jobType: definition.jobType, jobKey });
        observer.jobActivated(definition.jobType);
        inHand.set(jobKey, entry);
        try {
          const actor = acting && completedByOf(job.variables);
          const settlement = actor
            ? await acting.actingFor(actor, (actorDeps) => settleJob(definition, actorDeps, job, log))
            : await settleJob(definition, deps, job, log);
          // Shutdown gave up waiting and already handed the job back: another worker may have it now.
          if (entry.released) return await job.ignore();
          entry.answering = true;
          try {
            const receipt = await settlement.send();
            finish(entry, settlement.outcome);
            return receipt;
          } catch (error) {
            log.warn({ err: error, outcome: settlement.outcome }, 'the engine could not be told; the job returns to it after its timeout');
            finish(entry, 'unacknowledged');
            return await job.ignore();
          }
        } finally {
          inHand.delete(jobKey);
        }
      },
    }),
  );

  /** Hands a job back with its retries unchanged and no back-off, so another worker takes it at once. */
  const release = async (entry: InHand) => {
    entry.released = true;
    try {
      await entry.job.fail({
        errorMessage: 'The worker stopped before finishing the job; handed back to be done again',
        retries: entry.job.retries,
        retryBackOff: 0,
      });
      finish(entry, 'released');
    } catch {
      finish(entry, 'unacknowledged');
    }
  };

  return {
    workers,
    activeJobs: () => inHand.size,
    stopping: () => stopping,
    async stop(waitUpToMs = 10_000) {
      stopping = true;
      // Stop polling first (cancelling the long polls, or stopping would wait out each poll's
      // LONG_POLL_MS). A job the engine handed to a cancelled poll never reached a handler: it returns to
      // the engine when its timeout runs out.
      for (const worker of workers) worker.stop();
      const deadline = Date.now() + waitUpToMs;
      while (inHand.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      // A job whose answer is already on its way is left to it: handing it back too would race the answer.
      const left = [...inHand.values()].filter((entry) => !entry.answering);
      await Promise.all(left.map(release));
      if (left.length > 0)
        options.logger.warn(
          { released: left.map((e) => ({ jobType: e.jobType, jobKey: String(e.job.jobKey) })) },
          'jobs still running at shutdown handed back',
        );
      return { released: left.length };
    },
  };
}

/** The top-level keys of an object schema; undefined (fetch all) for any other schema. */
function variableNames(schema: z.ZodType): string[] | undefined {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : undefined;
}
