import createCamundaClient from '@camunda8/orchestration-cluster-api';
import knexFactory, { type Knex } from 'knex';
import type { Logger } from 'pino';
import { workers } from '../../workers/index.js';
import type { Config } from '../config.js';
import { trackEngineReachability } from '../observability/engine-reachability.js';
import { startHealthServer, type HealthServer } from '../observability/health-server.js';
import { createWorkerMetrics } from '../observability/job-metrics.js';
import { sdkLogTransport } from '../observability/sdk-log.js';
import { migrateAppDatabase } from '../store/migrate.js';
import { externalTaskTargetOf } from './external-task-runtime.js';
import { startPathwayWorkers } from './pathway-workers.js';
import type { StopReport, WorkerRuntime } from './runtime.js';

/** `npm run workers` running: the workers, their /health and /metrics server, and how to stop them. */
export interface WorkerService {
  runtime: WorkerRuntime;
  health: HealthServer;
  stop(): Promise<StopReport>;
}

/**
 * Composition of the worker process: the read model (DATABASE_URL), the official client
 * (CAMUNDA_REST_ADDRESS and the client's other CAMUNDA_* variables, read by the client itself),
 * the workers with metrics, and the HTTP server for /health and /metrics.
 */
export async function startWorkerService(
  config: Config & { CAMUNDA_REST_ADDRESS: string; DATABASE_URL: string },
  logger: Logger,
): Promise<WorkerService> {
  // Not src/db/database.ts: these workers never run an embedded server. At most 10 connections
  // however many jobs run at once (they queue for one): scaled-out replicas and the app share
  // PostgreSQL's default limit of 100.
  const knex: Knex = knexFactory({ client: 'pg', connection: config.DATABASE_URL, pool: { min: 0, max: 10 } });
  try {
    // Safe beside the service doing the same: knex takes a lock, and a migrated schema is left as it is.
    await migrateAppDatabase(knex);
  } catch (error) {
    await knex.destroy();
    throw error;
  }
  const metrics = createWorkerMetrics();
  const engine = trackEngineReachability(logger, (reachable) => metrics.engineReachable(reachable));
  const client = createCamundaClient({ fetch: engine.fetch, log: { transport: sdkLogTransport(logger) } });
  const runtime = startPathwayWorkers(client, knex, {
    concurrency: config.WORKER_CONCURRENCY,
    jobTimeoutMs: config.WORKER_JOB_TIMEOUT_MS,
    reconnectMaxMs: config.WORKER_RECONNECT_MAX_MS,
    observer: metrics,
    logger,
    externalTask: externalTaskTargetOf(config, config.CAMUNDA_REST_ADDRESS),
  });
  const health = await startHealthServer({
    port: config.WORKER_METRICS_PORT,
    host: config.HOST,
    registry: metrics.registry,
    health: {
      stopping: runtime.stopping,
      details: () => ({ engine: engine.state(), activeJobs: runtime.activeJobs(), jobTypes: workers.map((w) => w.jobType) }),
    },
  }).catch(async (error: NodeJS.ErrnoException) => {
    await runtime.stop(0);
    await knex.destroy();
    if (error.code === 'EADDRINUSE')
      throw new Error(`WORKER_METRICS_PORT: port ${config.WORKER_METRICS_PORT} is already in use on ${config.HOST}`);
    throw error;
  });
  logger.info(
    {
      engine: config.CAMUNDA_REST_ADDRESS,
      transport: config.WORKER_TRANSPORT,
      jobTypes: workers.map((w) => w.jobType),
      concurrency: config.WORKER_CONCURRENCY,
      health: `${health.url}/health`,
      metrics: `${health.url}/metrics`,
    },
    'workers started',
  );
  return {
    runtime,
    health,
    async stop() {
      const report = await runtime.stop(config.WORKER_SHUTDOWN_TIMEOUT_MS);
      await health.close();
      await knex.destroy();
      return report;
    },
  };
}
