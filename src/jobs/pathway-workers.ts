import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { workers } from '../../workers/index.js';
import { withAuditActor } from '../store/audit-repository.js';
import { createWorkerDeps, systemClock } from './deps.js';
import { engineMessages } from './engine-messages.js';
import type { JobObserver } from './job-observer.js';
import { startWorkers, type WorkerRuntime } from './runtime.js';
import type { CamundaClient } from '../camunda-client.js';

/**
 * How long a job stays locked to the worker that took it, unless configured. Every handler is a
 * few queries, so a minute only runs out when a worker has died; then another takes the job.
 */
const DEFAULT_JOB_TIMEOUT_MS = 60_000;

export interface PathwayWorkerOptions {
  concurrency: number;
  logger: Logger;
  jobTimeoutMs?: number;
  reconnectMaxMs?: number;
  observer?: JobObserver;
}

/** Starts every worker of workers/ against the engine behind `client`, on the read model in `knex`. */
export function startPathwayWorkers(client: CamundaClient, knex: Knex, options: PathwayWorkerOptions): WorkerRuntime {
  const messages = engineMessages(client);
  return startWorkers(
    client,
    workers,
    createWorkerDeps(knex, systemClock, messages),
    { ...options, jobTimeoutMs: options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS },
    // A job after a professional's task: its writes in one transaction that names them to the use log's trigger.
    { actingFor: (actor, work) => withAuditActor(knex, actor, 'WORK_TASK', (trx) => work(createWorkerDeps(trx, systemClock, messages))) },
  );
}
