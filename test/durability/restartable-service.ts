import { createTestDatabase } from '../support/postgres.js';
import { startTestService, type CamundaClient, type TestService } from '../support/service.js';

/** The whole service in this process on one database that outlives it: stopped and started again at will. */
export class RestartableService {
  private running: TestService | undefined;

  private constructor(private readonly databaseUrl: string) {}

  static async onFreshDatabase(label: string): Promise<RestartableService> {
    return new RestartableService(await createTestDatabase(label));
  }

  /** The running service; throws before the first start. */
  get current(): TestService {
    if (!this.running) throw new Error('the service is not running');
    return this.running;
  }

  /** Stops the service if it runs and starts it again, with the system clock; answers a fresh client. */
  async restart(): Promise<CamundaClient> {
    await this.close();
    this.running = await startTestService({ DATABASE_URL: this.databaseUrl, ENGINE_CLOCK_CONTROL: 'false' });
    return this.running.client;
  }

  async close(): Promise<void> {
    await this.running?.close();
    this.running = undefined;
  }
}
