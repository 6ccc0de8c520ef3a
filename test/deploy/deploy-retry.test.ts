import { ProcessDefinitionId } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { startTestService, type TestService } from '../support/service.js';

const run = promisify(execFile);

/**
 * A cluster that has just turned healthy: the first `starting` requests are answered with the
 * status a cluster gives while its users and storage initialise, the rest reach the real engine.
 */
function startingCluster(
  engineUrl: string,
  status: number,
  starting: number,
): Promise<{ url: string; seen: () => number; close: () => Promise<void> }> {
  let seen = 0;
  const target = new URL(engineUrl);
  const server: Server = createServer((req, res) => {
    if (++seen <= starting) {
      res.writeHead(status, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Starting', status, detail: 'the cluster is starting' }));
      return;
    }
    const forward = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  return new Promise((resolveStarted) =>
    server.listen(0, '127.0.0.1', () =>
      resolveStarted({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        seen: () => seen,
        close: () => new Promise((resolveClosed) => server.close(() => resolveClosed())),
      }),
    ),
  );
}

/** `npm run deploy` as a user runs it against a cluster: the address and credentials in the environment. */
function deployTo(url: string, waitMs: number) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CAMUNDA_')));
  return run('npm', ['run', '--silent', 'deploy'], {
    env: {
      ...env,
      CAMUNDA_REST_ADDRESS: url,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_SDK_LOG_LEVEL: 'silent',
      DEPLOY_WAIT_MS: String(waitMs),
    },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('npm run deploy right after a cluster turns healthy', function () {
  this.timeout(90_000);
  let t: TestService;

  before(async () => {
    t = await startTestService({ WORKERS: 'off' });
  });

  after(async () => {
    await t?.close();
  });

  for (const status of [401, 503]) {
    it(`should wait out ${status} answers, saying so, and then deploy`, async () => {
      // given
      const cluster = await startingCluster(t.service.url, status, 2);

      // when
      const result = await deployTo(cluster.url, 30_000).finally(() => cluster.close());

      // then
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stderr).to.match(/The engine is not ready yet \(.*\); trying again in \d+ s/);
      expect(result.stdout).to.match(/^Deployment \d+:/);
      const versions = await t.client.searchProcessDefinitions(
        { filter: { processDefinitionId: ProcessDefinitionId.assumeExists('sote-tyoparipolku') } },
        { consistency: { waitUpToMs: 0 } },
      );
      expect(versions.items).to.have.length.greaterThan(0);
    });
  }

  it('should give up after DEPLOY_WAIT_MS with one line that says what to check', async () => {
    // given: a cluster that never stops answering 401 (wrong credentials look the same)
    const cluster = await startingCluster(t.service.url, 401, Number.MAX_SAFE_INTEGER);

    // when
    const result = await deployTo(cluster.url, 2_500).finally(() => cluster.close());

    // then
    expect(result.code).to.equal(1);
    expect(result.stderr.trim().split('\n').at(-1)).to.match(
      /^The engine still answers ".*" after 3 s of trying; is it running, and are CAMUNDA_REST_ADDRESS and the credentials right\?$/,
    );
    expect(cluster.seen()).to.be.at.least(2);
  });
});
