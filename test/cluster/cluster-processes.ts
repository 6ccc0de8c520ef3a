import { mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../../kit/child-service.js';
import { createTestDatabase } from '../support/postgres.js';
import { NodeProcess } from './node-process.js';

/** The basic-auth account every client of the stand-in cluster uses, as in docker-compose.yml. */
export const CLIENT_AUTH = {
  CAMUNDA_AUTH_STRATEGY: 'BASIC',
  CAMUNDA_BASIC_AUTH_USERNAME: 'sote-tyopari',
  CAMUNDA_BASIC_AUTH_PASSWORD: 'test-only-password',
} as const;

const QUIET = { LOG_LEVEL: 'warn', CAMUNDA_SDK_LOG_LEVEL: 'silent', HOST: '127.0.0.1' } as const;

/**
 * docker-compose.yml without Docker: the embedded engine as a process of its own standing in for
 * the orchestration cluster (src/main.ts with WORKERS=off is an engine plus an app nobody uses
 * here), the app pointed at it with CAMUNDA_REST_ADDRESS, and `npm run workers`, each process
 * with its own database where compose gives it its own container. Every client signs in with
 * basic auth, as on the cluster.
 */
export class StandInCluster {
  engine!: NodeProcess;
  app!: NodeProcess;
  workers!: NodeProcess;
  engineUrl = '';
  appUrl = '';
  metricsUrl = '';
  appDatabaseUrl = '';
  private engineEnv: Record<string, string> = {};
  private workerEnv: Record<string, string> = {};

  async start(workerEnv: Record<string, string> = {}): Promise<void> {
    const [enginePort, appPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
    this.engineUrl = `http://127.0.0.1:${enginePort}`;
    this.appUrl = `http://127.0.0.1:${appPort}`;
    this.metricsUrl = `http://127.0.0.1:${metricsPort}`;
    this.appDatabaseUrl = await createTestDatabase('cluster_app');
    const scratch = (name: string) => mkdtempSync(join(resolve('.tmp'), `cluster-${name}-`));
    this.engineEnv = {
      ...QUIET,
      ...CLIENT_AUTH,
      PORT: String(enginePort),
      DATABASE_URL: await createTestDatabase('cluster_engine'),
      DATA_DIR: scratch('engine'),
      WORKERS: 'off',
      ENGINE_CLOCK_CONTROL: 'true',
    };
    await this.startEngine();
    this.app = new NodeProcess('src/main.ts', {
      ...QUIET,
      ...CLIENT_AUTH,
      PORT: String(appPort),
      DATABASE_URL: this.appDatabaseUrl,
      DATA_DIR: scratch('app'),
      CAMUNDA_REST_ADDRESS: this.engineUrl,
      WORKERS: 'off',
    }).start();
    await this.app.until(async () => (await fetch(`${this.appUrl}/api/session`)).status < 500, 'the app to answer');
    this.workerEnv = workerEnv;
    this.workers = await this.startWorkers(metricsPort);
  }

  /** One more `npm run workers` on the same engine and read model, as `--scale workers=N` adds. */
  async startWorkers(metricsPort: number): Promise<NodeProcess> {
    const workers = new NodeProcess('src/jobs/run-workers.ts', {
      ...CLIENT_AUTH,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      CAMUNDA_SDK_LOG_LEVEL: 'error',
      CAMUNDA_REST_ADDRESS: this.engineUrl,
      DATABASE_URL: this.appDatabaseUrl,
      WORKER_METRICS_PORT: String(metricsPort),
      ...this.workerEnv,
    }).start();
    await workers.until(async () => (await fetch(`http://127.0.0.1:${metricsPort}/health`)).ok, 'the workers to answer /health');
    return workers;
  }

  /** (Re)starts the engine process on its port and database; resolves when /v2 answers signed-in requests. */
  async startEngine(): Promise<void> {
    this.engine = new NodeProcess('src/main.ts', this.engineEnv).start();
    const authorization = `Basic ${Buffer.from(`${CLIENT_AUTH.CAMUNDA_BASIC_AUTH_USERNAME}:${CLIENT_AUTH.CAMUNDA_BASIC_AUTH_PASSWORD}`).toString('base64')}`;
    await this.engine.until(
      async () => (await fetch(`${this.engineUrl}/v2/topology`, { headers: { authorization } })).ok,
      'the engine to answer /v2',
      60_000,
    );
  }

  /** `npm run deploy` against the stand-in cluster, as README's "Run on Camunda 8" runs it. */
  async deploy(): Promise<NodeProcess> {
    const deploy = new NodeProcess('src/deploy/run-deploy.ts', {
      ...CLIENT_AUTH,
      CAMUNDA_SDK_LOG_LEVEL: 'silent',
      CAMUNDA_REST_ADDRESS: this.engineUrl,
    }).start();
    await deploy.exited();
    return deploy;
  }

  async stop(): Promise<void> {
    await Promise.all([this.workers, this.app, this.engine].filter(Boolean).map((p) => p.signal('SIGTERM')));
  }
}
