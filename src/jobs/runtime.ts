import type createCamundaClient from '@camunda8/orchestration-cluster-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import { BusinessError, InvalidInputError, type JobContext, type WorkerDefinition } from './definition.js';
import { describeInputProblem } from './input-problem.js';

/** The official client, as `createCamundaClient` makes it. */
export type CamundaClient = ReturnType<typeof createCamundaClient>;
type JobWorker = ReturnType<CamundaClient['createJobWorker']>;

export interface WorkerRuntimeOptions {
  /** Jobs a worker handles at once. */
  concurrency: number;
  /** How long an activated job stays locked to this worker. */
  jobTimeoutMs: number;
  logger: Logger;
}

/** Running job workers, and how to stop them letting active jobs finish. */
export interface WorkerRuntime {
  workers: JobWorker[];
  stop(waitUpToMs?: number): Promise<void>;
}

/**
 * The one place that registers job workers with the official client. Each job's variables are
 * checked against the worker's input schema first: bad variables fail the job with no retries (an
 * incident naming the field) instead of being retried. A BusinessError becomes a BPMN error for the
 * diagram to catch; an InvalidInputError fails it with no retries (retrying cannot fix a wrong id);
 * anything else fails the job with one retry fewer and a back-off.
 *
 * Only the variables the input schema names are fetched: a worker never receives, and so can
 * never log or leak, the rest of the process's data.
 */
export function startWorkers<Deps>(
  client: CamundaClient,
  definitions: ReadonlyArray<WorkerDefinition<z.ZodType, z.ZodType, Deps>>,
  deps: Deps,
  options: WorkerRuntimeOptions,
): WorkerRuntime {
  const workers = definitions.map((definition) =>
    client.createJobWorker({
      jobType: definition.jobType,
      workerName: `sote-tyopari:${definition.jobType}`,
      maxParallelJobs: options.concurrency,
      jobTimeoutMs: options.jobTimeoutMs,
      pollTimeoutMs: 10_000,
      fetchVariables: variableNames(definition.Input),
      jobHandler: async (job) => {
        const log = options.logger.child({ jobType: definition.jobType, jobKey: job.jobKey });
        const parsed = definition.Input.safeParse(job.variables);
        if (!parsed.success) {
          const message = describeInputProblem(definition.jobType, parsed.error);
          log.warn({ message }, 'invalid job variables');
          return job.fail({ errorMessage: message, retries: 0 });
        }
        const context: JobContext = {
          jobKey: job.jobKey,
          processInstanceKey: job.processInstanceKey,
          elementId: job.elementId,
          elementInstanceKey: job.elementInstanceKey,
          listenerEventType: job.listenerEventType as JobContext['listenerEventType'],
          retries: job.retries,
          customHeaders: job.customHeaders as Record<string, unknown>,
        };
        try {
          // The output is checked too: the diagram's gateways and mappings rely on its shape.
          const output = definition.Output.parse(await definition.handle(parsed.data, deps, context));
          return job.complete(output as Record<string, unknown>);
        } catch (error) {
          if (error instanceof BusinessError) {
            log.info({ code: error.code }, 'business outcome');
            return job.error({ errorCode: error.code, errorMessage: error.message, variables: error.variables });
          }
          if (error instanceof InvalidInputError) {
            log.warn({ message: error.message }, 'unusable job variables');
            return job.fail({ errorMessage: error.message, retries: 0 });
          }
          const retries = Math.max(job.retries - 1, 0);
          log.error({ err: error, retries }, 'job failed');
          return job.fail({ errorMessage: (error as Error).message ?? String(error), retries, retryBackOff: backOff(job.retries) });
        }
      },
    }),
  );
  return {
    workers,
    async stop(waitUpToMs = 10_000) {
      // Cancel the long polls first, or stopping would wait out each poll's 10 s. A job the
      // engine hands to a cancelled poll is delivered again when its timeout runs out.
      for (const worker of workers) worker.stop();
      await Promise.all(workers.map((w) => w.stopGracefully({ waitUpToMs })));
    },
  };
}

/** The top-level keys of an object schema; undefined (fetch all) for any other schema. */
function variableNames(schema: z.ZodType): string[] | undefined {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : undefined;
}

/** 1 s, 2 s, 4 s … capped at a minute, by how many retries have already been used. */
function backOff(retriesLeft: number): number {
  const used = Math.max(0, 3 - retriesLeft);
  return Math.min(60_000, 1000 * 2 ** used);
}
