import type { Logger } from 'pino';
import type { z } from 'zod';
import { completedByOf } from './completed-by.js';
import type { WorkerDefinition } from './definition.js';
import { noJobObserver, type JobObserver, type JobOutcome } from './job-observer.js';
import { settleJob, type JobInHand } from './job-settlement.js';
import type { ActingDeps, StopReport } from './runtime.js';

/** A job as a transport hands it over: the job, and what the transport does when it is not answered. */
export interface HandedOut<Receipt> {
  jobType: string;
  job: JobInHand<Receipt>;
  /** Leaves the job to its timeout (the engine could not be told, or shutdown answered for it). */
  ignore(): Promise<Receipt>;
  /** Gives the job back to the engine at once, with its retries unchanged. */
  handBack(): Promise<unknown>;
}

interface Entry {
  handed: HandedOut<unknown>;
  startedAt: number;
  answering: boolean;
  released: boolean;
}

/** The jobs whose handlers run now, whichever transport handed them out, and how to stop with them. */
export interface JobsInHand<Deps> {
  handle<Receipt>(definition: WorkerDefinition<z.ZodType, z.ZodType, Deps>, handed: HandedOut<Receipt>): Promise<Receipt>;
  size(): number;
  stopping(): boolean;
  /** Stops taking jobs (stopPolling), lets the jobs in hand finish up to the wait, and hands back the rest. */
  stop(stopPolling: () => void, waitUpToMs: number): Promise<StopReport>;
}

export interface JobsInHandOptions {
  logger: Logger;
  observer?: JobObserver;
}

/**
 * Runs each job through settleJob (input schema, handler, output schema) and sends the answer.
 * When the engine cannot be told (it went away mid-job), the job is left to its timeout: the
 * engine hands it out again and the idempotent workers do no harm doing it twice.
 */
export function jobsInHand<Deps>(deps: Deps, options: JobsInHandOptions, acting?: ActingDeps<Deps>): JobsInHand<Deps> {
  const observer = options.observer ?? noJobObserver;
  const inHand = new Map<string, Entry>();
  let stopping = false;
  const finish = (entry: Entry, outcome: JobOutcome) =>
    observer.jobFinished(entry.handed.jobType, outcome, (performance.now() - entry.startedAt) / 1000);

  /** Hands a job back with its retries unchanged and no back-off, so another worker takes it at once. */
  const release = async (entry: Entry) => {
    entry.released = true;
    try {
      await entry.handed.handBack();
      finish(entry, 'released');
    } catch {
      finish(entry, 'unacknowledged');
    }
  };

  return {
    async handle<Receipt>(definition: WorkerDefinition<z.ZodType, z.ZodType, Deps>, handed: HandedOut<Receipt>): Promise<Receipt> {
      const { job } = handed;
      const entry: Entry = { handed, startedAt: performance.now(), answering: false, released: false };
      const { jobKey } = job.context;
      const log = options.logger.child({ jobType: handed.jobType, jobKey });
      observer.jobActivated(handed.jobType);
      inHand.set(jobKey, entry);
      try {
        const actor = acting && completedByOf(job.variables);
        const settlement = actor
          ? await acting.actingFor(actor, (actorDeps) => settleJob(definition, actorDeps, job, log))
          : await settleJob(definition, deps, job, log);
        // Shutdown gave up waiting and already handed the job back: another worker may have it now.
        if (entry.released) return await handed.ignore();
        entry.answering = true;
        try {
          const receipt = await settlement.send();
          finish(entry, settlement.outcome);
          return receipt;
        } catch (error) {
          log.warn({ err: error, outcome: settlement.outcome }, 'the engine could not be told; the job returns to it after its timeout');
          finish(entry, 'unacknowledged');
          return await handed.ignore();
        }
      } finally {
        inHand.delete(jobKey);
      }
    },
    size: () => inHand.size,
    stopping: () => stopping,
    async stop(stopPolling, waitUpToMs) {
      stopping = true;
      stopPolling();
      const deadline = Date.now() + waitUpToMs;
      while (inHand.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      // A job whose answer is already on its way is left to it: handing it back too would race the answer.
      const left = [...inHand.values()].filter((entry) => !entry.answering);
      await Promise.all(left.map(release));
      if (left.length > 0)
        options.logger.warn(
          { released: left.map((e) => ({ jobType: e.handed.jobType, jobKey: e.handed.job.context.jobKey })) },
          'jobs still running at shutdown handed back',
        );
      return { released: left.length };
    },
  };
}
