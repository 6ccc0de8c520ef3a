import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { workers } from '../../workers/index.js';
import { withAuditActor } from '../store/audit-repository.js';
import { createWorkerDeps, systemClock } from './deps.js';
import type { WorkerDeps } from './ports.js';
import { engineMessages } from './engine-messages.js';
import { engineUserTasks } from './engine-user-tasks.js';
import type { JobObserver } from './job-observer.js';
import { startExternalTaskWorkers, type ExternalTaskTarget } from './external-task-runtime.js';
import { startWorkers, type ActingDeps, type WorkerRuntime } from './runtime.js';
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
  /** Take the jobs as Camunda 7 external tasks from here (WORKER_TRANSPORT=external-task) rather than as /v2 jobs. */
  externalTask?: ExternalTaskTarget;
}

/**
 * Starts every worker of workers/ against the engine behind `client` (or its external tasks), on
 * the read model in `knex`. Messages are published through `client` on either transport.
 */
export function startPathwayWorkers(client: CamundaClient, knex: Knex, options: PathwayWorkerOptions): WorkerRuntime {
  const messages = engineMessages(client);
  const userTasks = engineUserTasks(client);
  const { externalTask, ...runtimeOptions } = options;
  const deps = createWorkerDeps(knex, systemClock, messages, userTasks);
  const settings = { ...runtimeOptions, jobTimeoutMs: options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS };
  // A job after a professional's task: its writes in one transaction that names them to the use log's trigger.
  const acting: ActingDeps<WorkerDeps> = {
    actingFor: (actor, work) =>
      withAuditActor(knex, actor, 'WORK_TASK', (trx) => work(createWorkerDeps(trx, systemClock, messages, userTasks))),
  };
  return externalTask
    ? startExternalTaskWorkers(externalTask, workers, deps, settings, acting)
    : startWorkers(client, workers, deps, settings, acting);
}
