import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { startWorkerService } from './worker-service.js';

/**
 * `npm run workers`: the job workers as a process of their own, against a cluster
 * (CAMUNDA_REST_ADDRESS) and the app's read model (DATABASE_URL). SIGTERM or SIGINT stops
 * polling, lets the jobs in hand finish (up to WORKER_SHUTDOWN_TIMEOUT_MS), hands back any still
 * running, then exits 0. A bad configuration exits 1 with a message naming the variable.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const { CAMUNDA_REST_ADDRESS, DATABASE_URL } = config;
  if (!CAMUNDA_REST_ADDRESS || !DATABASE_URL) {
    const missing = [!CAMUNDA_REST_ADDRESS && 'CAMUNDA_REST_ADDRESS', !DATABASE_URL && 'DATABASE_URL'].filter(Boolean);
    throw new Error(`npm run workers needs ${missing.join(' and ')}: the engine to take jobs from and the read model to record them in`);
  }
  const logger = pino({ level: config.LOG_LEVEL });
  const service = await startWorkerService({ ...config, CAMUNDA_REST_ADDRESS, DATABASE_URL }, logger);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping workers');
    const { released } = await service.stop();
    logger.info({ released }, 'workers stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
