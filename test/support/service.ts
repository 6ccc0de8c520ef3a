import { mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { startService, type Service } from '../../src/service.js';
import { camundaClientFor, type CamundaClient } from '../../kit/camunda-client.js';
import { createTestDatabase } from './postgres.js';

export { camundaClientFor, type CamundaClient };

/** The whole service on a fresh database and a free port, with an official client pointed at it. */
export interface TestService {
  service: Service;
  client: CamundaClient;
  close(): Promise<void>;
}

export async function startTestService(env: Record<string, string> = {}): Promise<TestService> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    // The test kit's clients go without credentials, the explicit loopback opt-out; test/security/engine-credentials.test.ts covers the default.
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    DATABASE_URL: await createTestDatabase('service'),
    DATA_DIR: mkdtempSync(join(resolve('.tmp'), 'data-')),
    ENGINE_CLOCK_CONTROL: 'true',
    LOG_LEVEL: 'silent',
    WORKERS: 'off',
    // Tests write cases straight into the read model; no periodic pass may start their pathways
    // behind their back (the pass at start finds a fresh database; test/intake sets its own).
    INTAKE_RECONCILE_INTERVAL_MS: '86400000',
    ...engineVariant(),
    ...env,
  });
  const service = await startService(config, { logger: pino({ level: 'silent' }) });
  const client = camundaClientFor(service.url);
  return {
    service,
    client,
    async close() {
      await service.close();
    },
  };
}

/**
 * How the embedded engine imitates a real cluster in this test run, from the run's environment:
 * `npm test` runs the end-to-end suites again answering as Camunda 8.6 did, with search lagging
 * behind the commands as on a cluster (ENGINE_REST_DIALECT, ENGINE_SEARCH_LAG_MS), and the
 * pathway once more with its workers on Camunda 7's external-task protocol (WORKER_TRANSPORT).
 */
function engineVariant(): Record<string, string> {
  const variant: Record<string, string> = {};
  for (const name of ['ENGINE_REST_DIALECT', 'ENGINE_SEARCH_LAG_MS', 'WORKER_TRANSPORT']) {
    const value = process.env[name];
    if (value) variant[name] = value;
  }
  return variant;
}
