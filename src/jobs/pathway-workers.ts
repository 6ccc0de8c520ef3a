import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { workers } from '../../workers/index.js';
import { createWorkerDeps } from './deps.js';
import { startWorkers, type CamundaClient, type WorkerRuntime } from './runtime.js';

/**
 * How long a job stays locked to the worker that took it. Every handler is a few queries, so a
 * minute only runs out when a worker has died; then another takes the job.
 */
const JOB_TIMEOUT_MS = 60_000;

/** Starts every worker of workers/ against the engine behind `client`, on the read model in `knex`. */
export function startPathwayWorkers(client: CamundaClient, knex: Knex, options: { concurrency: number; logger: Logger }): WorkerRuntime {
  return startWorkers(client, workers, createWorkerDeps(knex), { concurrency: options.concurrency, jobTimeoutMs: JOB_TIMEOUT_MS, logger: options.logger });
}
