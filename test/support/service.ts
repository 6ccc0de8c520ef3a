import createCamundaClient from '@camunda8/orchestration-cluster-api';
import { mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { startService, type Service } from '../../src/service.js';
import { createTestDatabase } from './postgres.js';

export type CamundaClient = ReturnType<typeof createCamundaClient>;

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

/** An official client with strict request and response validation, so every shape is checked. */
export function camundaClientFor(url: string): CamundaClient {
  return createCamundaClient({
    config: {
      CAMUNDA_REST_ADDRESS: url,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_SDK_VALIDATION: 'req:strict,res:strict',
      CAMUNDA_SDK_LOG_LEVEL: 'silent',
    },
  });
}
