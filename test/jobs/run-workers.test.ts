import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getCase } from '../../src/store/case-repository.js';
import { workers as jobWorkers } from '../../workers/index.js';
import { HttpSession } from '../../kit/http-session.js';
import { NodeProcess } from '../cluster/node-process.js';
import { freePort } from '../../kit/child-service.js';
import { createTestDatabase } from '../support/postgres.js';
import { eventually } from '../support/eventually.js';
import { startTestService, type TestService } from '../support/service.js';

/** `npm run workers` as its own process, with this environment. */
function runWorkers(env: Record<string, string>): NodeProcess {
  return new NodeProcess('src/jobs/run-workers.ts', { LOG_LEVEL: 'info', CAMUNDA_SDK_LOG_LEVEL: 'error', ...env }).start();
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('npm run workers', () => {
  let t: TestService;

  before(async () => {
    t = await startTestService();
  });

  after(async () => {
    await t?.close();
  });

  it('should take the pathway’s jobs from the engine, count them on /metrics, and stop cleanly on SIGTERM', async () => {
    // given the service without in-process workers, and the workers as a process of their own
    const metricsPort = await freePort();
    const workers = runWorkers({
      CAMUNDA_REST_ADDRESS: t.service.url,
      DATABASE_URL: t.service.database.url,
      HOST: '127.0.0.1',
      WORKER_METRICS_PORT: String(metricsPort),
    });
    const health = `http://127.0.0.1:${metricsPort}/health`;
    try {
      await workers.until(async () => (await fetch(health)).ok, '/health to answer');

      // when a nurse of the Turku team opens a case
      const nurse = new HttpSession(t.service.url);
      await nurse.signIn('aino.virtanen');
      const opened = await nurse.call<{ caseId: string }>('POST', '/api/cases', {
        municipality: 'Turku',
        referral: { source: 'Terveysasema', reason: 'Päihteet' },
        identity: { name: 'Testi Asiakas', henkilotunnus: '131052-308T' },
      });
      expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
      const { caseId } = opened.body;

      // then the separate workers route it
      await workers.until(
        async () => (await getCase(t.service.database.knex, caseId))?.teamId === 'turku-keskusta',
        'the workers to route the case',
        20_000,
      );
      // and say so on /health and /metrics
      const { status, body } = await getJson(health);
      expect(status).to.equal(200);
      expect(body).to.include({ status: 'UP', engine: 'REACHABLE' });
      // (the handler records the routing before it tells the engine, so wait for the completion)
      let metrics = '';
      await workers.until(
        async () =>
          (metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()).includes(
            'sote_jobs_completed_total{job_type="route-case"}',
          ),
        'the completion to be counted',
      );
      expect(metrics).to.include('sote_jobs_activated_total{job_type="route-case"} 1');
      expect(metrics).to.include('sote_jobs_completed_total{job_type="route-case"} 1');
      expect(metrics).to.match(/sote_job_handler_duration_seconds_count\{job_type="route-case",outcome="completed"\} 1/);
      expect(metrics).to.include('sote_engine_reachable 1');
    } finally {
      await workers.signal('SIGTERM');
    }
    expect(await workers.exited(), workers.stderr).to.equal(0);
    const messages = workers.logLines().map((l) => l.msg);
    expect(messages).to.include.members(['workers started', 'stopping workers', 'workers stopped']);
    // cancelling the long polls at shutdown is not the engine going away
    expect(messages).not.to.include('engine unreachable: retrying with back-off');
  });

  it('should refuse to start without the engine and database addresses, naming them', async () => {
    // when
    const workers = runWorkers({});

    // then
    expect(await workers.exited()).to.equal(1);
    expect(workers.stderr).to.include('npm run workers needs CAMUNDA_REST_ADDRESS and DATABASE_URL');
  });

  it('should refuse a bad value at start with an error naming the variable', async () => {
    // when
    const workers = runWorkers({
      CAMUNDA_REST_ADDRESS: 'not an address',
      DATABASE_URL: t.service.database.url,
      WORKER_CONCURRENCY: '0',
      WORKER_SHUTDOWN_TIMEOUT_MS: 'soon',
    });

    // then
    expect(await workers.exited()).to.equal(1);
    expect(workers.stderr).to.include('Invalid configuration');
    for (const name of ['CAMUNDA_REST_ADDRESS', 'WORKER_CONCURRENCY', 'WORKER_SHUTDOWN_TIMEOUT_MS'])
      expect(workers.stderr).to.include(`${name}:`);
  });

  it('should refuse to start when its metrics port is taken, naming the variable', async () => {
    // given a port something else listens on
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      // when
      const workers = runWorkers({
        CAMUNDA_REST_ADDRESS: t.service.url,
        DATABASE_URL: t.service.database.url,
        HOST: '127.0.0.1',
        WORKER_METRICS_PORT: String(port),
      });

      // then
      expect(await workers.exited()).to.equal(1);
      expect(workers.stderr).to.include(`WORKER_METRICS_PORT: port ${port} is already in use`);
    } finally {
      taken.close();
    }
  });

  it('should stop cleanly when SIGTERM reaches `npm run workers` itself', async () => {
    // given the workers started through npm, as a process manager would
    const metricsPort = await freePort();
    const npm = spawn('npm', ['run', '--silent', 'workers'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        LOG_LEVEL: 'info',
        CAMUNDA_REST_ADDRESS: t.service.url,
        DATABASE_URL: t.service.database.url,
        HOST: '127.0.0.1',
        WORKER_METRICS_PORT: String(metricsPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    await eventually('npm run workers to answer /health', async () => (await fetch(`http://127.0.0.1:${metricsPort}/health`)).ok, {
      within: 30_000,
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n${output}`);
    });

    // when
    npm.kill('SIGTERM');

    // then the workers shut down in order, and npm reports success
    expect(await exited, output).to.equal(0);
    expect(output).to.include('"msg":"workers stopped"');
  });

  it('should keep running while the engine is unreachable, backing off instead of retrying in a loop', async () => {
    // given an engine address where nothing listens
    const [enginePort, metricsPort] = [await freePort(), await freePort()];
    const workers = runWorkers({
      CAMUNDA_REST_ADDRESS: `http://127.0.0.1:${enginePort}`,
      DATABASE_URL: await createTestDatabase('workers_unreachable'),
      HOST: '127.0.0.1',
      WORKER_METRICS_PORT: String(metricsPort),
      WORKER_RECONNECT_MAX_MS: '2000',
    });
    try {
      // when the workers have tried for a while
      await workers.until(
        async () => (await getJson(`http://127.0.0.1:${metricsPort}/health`)).body.engine === 'UNREACHABLE',
        'the workers to notice the engine is gone',
      );
      // and every job type's poll has tried again after its first back-off
      const activationErrors = () => workers.logLines().filter((l) => l.msg === 'activation.error').length;
      await workers.until(async () => activationErrors() >= jobWorkers.length * 2, 'each poll to try again');

      // then the process is up and says what it sees
      expect(workers.running).to.equal(true);
      const { status, body } = await getJson(`http://127.0.0.1:${metricsPort}/health`);
      expect(status).to.equal(200);
      expect(body).to.include({ status: 'UP', engine: 'UNREACHABLE' });
      expect(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()).to.include('sote_engine_reachable 0');
      // logged once, not at every retry
      expect(workers.logLines().filter((l) => l.msg === 'engine unreachable: retrying with back-off')).to.have.length(1);
      // and each job type's poll backs off (1 s, then 2 s): when every poll has tried twice, a handful of attempts each, not hundreds
      expect(activationErrors()).to.be.within(jobWorkers.length * 2, jobWorkers.length * 6);
    } finally {
      await workers.signal('SIGTERM');
    }
    expect(await workers.exited()).to.equal(0);
  });
});
