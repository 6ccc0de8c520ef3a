import createCamundaClient from '@camunda8/orchestration-cluster-api';
import { BasicAuthInterceptor } from 'camunda-external-task-client-js';
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ENGINE_CREDENTIALS_FILE } from '../../src/security/engine-credentials.js';
import { startTestService, type TestService } from '../support/service.js';
import { expectProblem } from '../support/problem.js';

const run = promisify(execFile);

/** The credentials the service generated, read from its file as a shell's `. engine-credentials.env` would. */
function generatedCredentials(dataDir: string): Record<string, string> {
  const lines = readFileSync(join(dataDir, ENGINE_CREDENTIALS_FILE), 'utf8').trim().split('\n');
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

function clientWith(url: string, credentials: Record<string, string>) {
  return createCamundaClient({ config: { CAMUNDA_REST_ADDRESS: url, ...credentials, CAMUNDA_SDK_LOG_LEVEL: 'silent' } });
}

describe('/v2 credentials by default', () => {
  let dataDir = '';
  let t: TestService | undefined;

  before(async () => {
    mkdirSync(resolve('.tmp'), { recursive: true });
    dataDir = mkdtempSync(join(resolve('.tmp'), 'data-'));
    // No CAMUNDA_AUTH_STRATEGY at all: the default a fresh `npm start` runs with.
    t = await startTestService({ CAMUNDA_AUTH_STRATEGY: '', DATA_DIR: dataDir });
  });

  after(async () => {
    await t?.close();
  });

  const openRequests: Array<[string, string, string]> = [
    ['search every variable', '/v2/variables/search', '{}'],
    ['publish the client leaving', '/v2/messages/publication', '{"name":"asiakkuus-paattyy","correlationKey":"any"}'],
    ['search user tasks to complete', '/v2/user-tasks/search', '{}'],
    [
      'lock external tasks of a topic',
      '/engine-rest/external-task/fetchAndLock',
      '{"workerId":"w","maxTasks":1,"topics":[{"topicName":"route-case","lockDuration":1000}]}',
    ],
  ];
  for (const [what, path, body] of openRequests) {
    it(`should answer 401 to a request without credentials that would ${what}`, async () => {
      // when
      const answer = await fetch(`${t!.service.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

      // then
      expectProblem({ status: answer.status, headers: answer.headers, body: await answer.json() }, 401);
    });
  }

  it('should refuse a deployment without credentials and keep the deployed diagrams as they were', async () => {
    // given
    const form = new FormData();
    form.append('resources', new Blob(['<definitions/>'], { type: 'application/xml' }), 'sote-tyoparipolku.bpmn');

    // when
    const answer = await fetch(`${t!.service.url}/v2/deployments`, { method: 'POST', body: form });

    // then
    expect(answer.status).to.equal(401);
    const client = clientWith(t!.service.url, generatedCredentials(dataDir));
    const versions = await client.searchProcessDefinitions(
      { filter: { processDefinitionId: 'sote-tyoparipolku' } },
      { consistency: { waitUpToMs: 0 } },
    );
    expect(versions.items.map((d) => d.version)).to.deep.equal([1]);
  });

  it('should keep the generated credentials in DATA_DIR readable by the service user alone, in the form clients read', () => {
    // when
    const credentials = generatedCredentials(dataDir);

    // then
    expect(statSync(join(dataDir, ENGINE_CREDENTIALS_FILE)).mode & 0o777).to.equal(0o600);
    expect(credentials.CAMUNDA_AUTH_STRATEGY).to.equal('BASIC');
    expect(credentials.CAMUNDA_BASIC_AUTH_USERNAME).to.be.a('string').and.not.equal('');
    expect(credentials.CAMUNDA_BASIC_AUTH_PASSWORD).to.have.length.greaterThan(20);
  });

  it("should serve camunda-external-task-client-js's basic auth at /engine-rest with the generated credentials", async () => {
    // given
    const { CAMUNDA_BASIC_AUTH_USERNAME: username, CAMUNDA_BASIC_AUTH_PASSWORD: password } = generatedCredentials(dataDir);
    const { headers } = new BasicAuthInterceptor({ username, password })({}) as { headers: Record<string, string> };

    // when
    const answer = await fetch(`${t!.service.url}/engine-rest/external-task/count`, { headers });

    // then
    expect(answer.status).to.equal(200);
    expect(await answer.json()).to.deep.equal({ count: 0 });
  });

  it('should serve the official client with the generated credentials, and the same ones after a restart', async () => {
    // given
    const before = generatedCredentials(dataDir);
    await t!.close();
    t = undefined;

    // when
    t = await startTestService({ CAMUNDA_AUTH_STRATEGY: '', DATA_DIR: dataDir });

    // then
    expect(generatedCredentials(dataDir)).to.deep.equal(before);
    const topology = await clientWith(t.service.url, before).getTopology();
    expect(topology.gatewayVersion).to.be.a('string');
  });

  it('should let `npm run deploy` on this machine take the generated credentials from DATA_DIR, with no CAMUNDA_* set', async () => {
    // given: the environment of a new user's shell, none of the test kit's CAMUNDA_* settings
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CAMUNDA_')));

    // when
    const { stdout } = await run('npm', ['run', '--silent', 'deploy'], {
      env: { ...env, DATA_DIR: dataDir, CAMUNDA_REST_ADDRESS: t!.service.url },
    });

    // then
    expect(stdout).to.match(/^Deployment \d+:/);
    const client = clientWith(t!.service.url, generatedCredentials(dataDir));
    const forms = await client.searchProcessDefinitions(
      { filter: { processDefinitionId: 'sote-tyoparipolku' } },
      { consistency: { waitUpToMs: 0 } },
    );
    expect(forms.items).to.have.length.greaterThan(0);
  });

  it('should refuse to start without credentials on an address others reach, saying why', async () => {
    // when
    const refusal = await startTestService({ CAMUNDA_AUTH_STRATEGY: 'NONE', HOST: '0.0.0.0' }).then(
      (started) => started.close().then(() => undefined),
      (error: unknown) => error,
    );

    // then
    expect(String(refusal)).to.contain('CAMUNDA_AUTH_STRATEGY=NONE').and.contain('loopback');
  });

  it('should refuse OAUTH for the embedded engine, which cannot check such tokens', async () => {
    // when
    const refusal = await startTestService({ CAMUNDA_AUTH_STRATEGY: 'OAUTH' }).then(
      (started) => started.close().then(() => undefined),
      (error: unknown) => error,
    );

    // then
    expect(String(refusal)).to.contain('OAUTH');
  });
});
