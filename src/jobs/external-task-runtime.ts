import { BasicAuthInterceptor, Client, Variables, type Task, type TaskService } from 'camunda-external-task-client-js';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { z } from 'zod';
import type { Config } from '../config.js';
import type { EngineCredentials } from '../security/engine-credentials.js';
import type { WorkerDefinition } from './definition.js';
import { listenerEventOf, type JobInHand } from './job-settlement.js';
import { jobsInHand } from './jobs-in-hand.js';
import { LONG_POLL_MS, variableNames, type ActingDeps, type WorkerRuntime, type WorkerRuntimeOptions } from './runtime.js';

/** Where the external-task workers poll: a Camunda 7 REST API (the embedded engine's /engine-rest), with its basic auth if any. */
export interface ExternalTaskTarget {
  baseUrl: string;
  credentials?: EngineCredentials;
}

/** The pause between one poll's answer and the next: polls are long polls, so this only delays the next job. */
const POLL_INTERVAL_MS = 10;

/** The first wait after a failed poll; doubled after each further failure up to reconnectMaxMs. */
const FIRST_RECONNECT_MS = 1000;

/**
 * Camunda 7 sends no retries until a task first fails; the pathway's diagrams give their jobs 3,
 * which the back-off of job-settlement.ts counts down from.
 */
const UNSET_RETRIES = 3;

/**
 * The workers of workers/ over Camunda 7's external-task protocol (WORKER_TRANSPORT=external-task),
 * with camunda-external-task-client-js: one client whose topics are the job types, each job run
 * through jobsInHand as the Camunda 8 transport's are. A BusinessError is answered with
 * handleBpmnError, a failure with handleFailure (retries and back-off as retryTimeout), a job
 * handed back at shutdown with unlock.
 */
export function startExternalTaskWorkers<Deps>(
  target: ExternalTaskTarget,
  definitions: ReadonlyArray<WorkerDefinition<z.ZodType, z.ZodType, Deps>>,
  deps: Deps,
  options: WorkerRuntimeOptions,
  acting?: ActingDeps<Deps>,
): WorkerRuntime {
  const jobs = jobsInHand(deps, options, acting);
  // The Camunda 8 transport runs `concurrency` jobs of each type; one client polls for all types.
  const parallel = options.concurrency * definitions.length;
  const client = new Client({
    baseUrl: target.baseUrl,
    // Unique per process: a lock is the worker's, and another process must not answer for it.
    workerId: `sote-tyopari:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    maxTasks: parallel,
    maxParallelExecutions: parallel,
    asyncResponseTimeout: LONG_POLL_MS,
    interval: POLL_INTERVAL_MS,
    lockDuration: options.jobTimeoutMs,
    usePriority: false,
    autoPoll: false,
    ...(target.credentials ? { interceptors: new BasicAuthInterceptor(target.credentials) } : {}),
  });
  reconnectWithBackOff(client, options, jobs.stopping);

  for (const definition of definitions) {
    client.subscribe(
      definition.jobType,
      { lockDuration: options.jobTimeoutMs, variables: variableNames(definition.Input), includeExtensionProperties: true },
      async ({ task, taskService }) => {
        // A poll already on its way when stop() was called still answers: its tasks go straight back.
        if (jobs.stopping()) return taskService.unlock(task).catch(() => undefined);
        await jobs.handle(definition, {
          jobType: definition.jobType,
          job: externalTask(task, taskService),
          ignore: async () => undefined,
          handBack: () => taskService.unlock(task),
        });
      },
    );
  }
  client.start();

  return {
    activeJobs: jobs.size,
    stopping: jobs.stopping,
    stop: (waitUpToMs = 10_000) => jobs.stop(() => client.stop(), waitUpToMs),
  };
}

/** A locked external task as a job in hand; the embedded engine's task ids are job keys, its activity instances element instances. */
function externalTask(task: Task, taskService: TaskService): JobInHand<void> {
  const retries = task.retries ?? UNSET_RETRIES;
  return {
    variables: task.variables.getAll(),
    retries,
    context: {
      jobKey: task.id,
      processInstanceKey: task.processInstanceId,
      elementId: task.activityId,
      elementInstanceKey: task.activityInstanceId,
      listenerEventType: listenerEventOf(task.listenerEventType),
      retries,
      customHeaders: task.extensionProperties ?? {},
    },
    complete: (variables) => taskService.complete(task, typed(variables)),
    fail: ({ errorMessage, retries: left, retryBackOff }) =>
      taskService.handleFailure(task, { errorMessage, retries: left, retryTimeout: retryBackOff ?? 0 }),
    error: ({ errorCode, errorMessage, variables }) => taskService.handleBpmnError(task, errorCode, errorMessage, typed(variables)),
  };
}

/** Values as typed variables; an undefined one is left out, as JSON leaves it out of a Camunda 8 answer. */
function typed(values: Record<string, unknown>): Variables {
  return new Variables().setAll(Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)));
}

/**
 * The client polls again `interval` after a failed poll, with no back-off of its own: while the
 * engine does not answer, the interval doubles from FIRST_RECONNECT_MS up to reconnectMaxMs, and
 * an answered poll sets it back. (The client reads the interval as a poll starts, so a change
 * applies from the poll after next.)
 */
function reconnectWithBackOff(client: Client, options: WorkerRuntimeOptions, stopping: () => boolean): void {
  const max = options.reconnectMaxMs ?? 30_000;
  client.on('poll:error', (error) => {
    // The last poll of stopped workers fails when the server closes its connection: expected.
    if (stopping()) return;
    const waited = client.options.interval;
    client.options.interval = Math.min(max, waited < FIRST_RECONNECT_MS ? FIRST_RECONNECT_MS : waited * 2);
    options.logger.warn({ err: error, retryInMs: client.options.interval }, 'external-task poll failed');
  });
  client.on('poll:success', () => {
    client.options.interval = POLL_INTERVAL_MS;
  });
}

/**
 * Where WORKER_TRANSPORT=external-task polls: /engine-rest beside the engine's /v2 at
 * `restAddress`, with the given credentials, or else the CAMUNDA_BASIC_AUTH_* ones when
 * CAMUNDA_AUTH_STRATEGY=BASIC; undefined for the default transport (Camunda 8 jobs).
 */
export function externalTaskTargetOf(config: Config, restAddress: string, credentials?: EngineCredentials): ExternalTaskTarget | undefined {
  if (config.WORKER_TRANSPORT !== 'external-task') return undefined;
  const { CAMUNDA_AUTH_STRATEGY: strategy, CAMUNDA_BASIC_AUTH_USERNAME: username, CAMUNDA_BASIC_AUTH_PASSWORD: password } = config;
  const basic = credentials ?? (strategy === 'BASIC' && username && password ? { username, password } : undefined);
  return { baseUrl: `${restAddress.replace(/\/+$/, '')}/engine-rest`, ...(basic ? { credentials: basic } : {}) };
}
