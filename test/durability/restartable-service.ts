import { createTestDatabase } from '../support/postgres.js';
import { startTestService, type CamundaClient, type TestService } from '../support/service.js';

/** The whole service in this process on one database that outlives it: stopped and started again at will. */
export class RestartableService {
  private running: TestService | undefined;
  private databaseUrl: string | undefined;

  constructor(private readonly label: string) {}

  /** The running service; throws before the first start. */
  get current(): TestService {
    if (!this.running) throw new Error('the service is not running');
    return this.running;
  }

  /** Stops the service if it runs and starts it again (the first time on a fresh database), with the system clock; answers a fresh client. */
  async restart(): Promise<CamundaClient> {
    await this.close();
    this.databaseUrl ??= await createTestDatabase(this.label);
    this.running = await startTestService({ DATABASE_URL: this.databaseUrl, ENGINE_CLOCK_CONTROL: 'false' });
    return this.running.client;
  }

  async close(): Promise<void> {
    await this.running?.close();
    this.running = undefined;
  }
}

/** A restartable service for a suite, closed by a mocha hook after its tests. */
export function useRestartableService(label: string): RestartableService {
  const service = new RestartableService(label);
  after(() => service.close());
  return service;
}
