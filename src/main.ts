import { loadConfig } from './config.js';
import { startService } from './service.js';

/** `npm start`: the service on the embedded defaults unless the environment says otherwise. */
async function main(): Promise<void> {
  const config = loadConfig();
  const service = await startService(config);
  const shutdown = async (signal: string) => {
    service.logger.info({ signal }, 'shutting down');
    await service.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
