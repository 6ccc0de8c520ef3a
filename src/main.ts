import { loadConfig } from './config.js';
import { startService, type Service } from './service.js';

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * `npm start`: the service on the embedded defaults unless the environment says otherwise. A
 * signal closes it in order (Service.close: workers, HTTP, engine, database) and exits 0; one that
 * comes during the start lets the start finish or fail first, since a half-started service cannot
 * be closed part by part.
 */
async function main(): Promise<void> {
  let requested: string | undefined;
  let service: Service | undefined;
  const shutdown = (signal: string) => {
    if (requested) return;
    requested = signal;
    if (service) void closeAndExit(service, signal);
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, shutdown);
  try {
    service = await startService(loadConfig());
  } catch (error) {
    // Ctrl-C reaches the embedded PostgreSQL too, so a start it interrupts fails; that is a stop, not an error.
    if (!requested) throw error;
    console.error(`start interrupted by ${requested}`);
    process.exit(0);
  }
  if (requested) await closeAndExit(service, requested);
}

async function closeAndExit(service: Service, signal: string): Promise<void> {
  service.logger.info({ signal }, 'shutting down');
  try {
    await service.close();
    service.logger.info('stopped');
    process.exit(0);
  } catch (error) {
    service.logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
