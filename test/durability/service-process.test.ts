import createCamundaClient, { ProcessDefinitionId, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadPostgresCredentials } from '../../src/db/postgres-credentials.js';
import { ChildService, freePort } from '../../kit/child-service.js';
import { camundaClientFor } from '../support/service.js';

/**
 * `src/main.ts` as `npm start` runs it: its own embedded PostgreSQL in a fresh data folder, /v2 on
 * a free port. Issue 2's "done when": a job worker written with the official client completes a
 * process there; SIGTERM and Ctrl-C shut it down in order with exit code 0, and nothing is lost,
 * not even when SIGKILL leaves its PostgreSQL running.
 */
describe('the service as a process (npm start)', function () {
  this.timeout(180_000);
  let dataDir: string;
  let service: ChildService;

  before(async () => {
    mkdirSync(resolve('.tmp'), { recursive: true });
    dataDir = mkdtempSync(join(resolve('.tmp'), 'npm-start-'));
    service = new ChildService(await freePort(), { DATA_DIR: dataDir, WORKERS: 'off', DATABASE_URL: '', CAMUNDA_REST_ADDRESS: '' });
    await service.start();
  });

  after(async () => {
    await service.stop();
  });

  it('should let a job worker written with the official client complete a deployed process', async () => {
    // given: a client configured as a user's worker would be, with only the REST address
    const camunda = createCamundaClient({ config: { CAMUNDA_REST_ADDRESS: service.url } });
    await camunda.deployResourcesFromFiles(['test/fixtures/two-tasks.bpmn']);
    const workers = ['first-job', 'second-job'].map((jobType) =>
      camunda.createJobWorker({
        jobType,
        jobTimeoutMs: 30_000,
        maxParallelJobs: 4,
        jobHandler: (job) => job.complete({ [`${jobType}-by`]: 'worker' }),
      }),
    );

    // when
    const result = await camunda
      .createProcessInstance({
        processDefinitionId: ProcessDefinitionId.assumeExists('two-tasks'),
        variables: { amount: 20 },
        awaitCompletion: true,
        requestTimeout: 20_000,
      })
      .finally(() => Promise.all(workers.map((w) => w.stopGracefully({ waitUpToMs: 5000 }))));

    // then
    expect(result.variables).to.deep.equal({ amount: 20, 'first-job-by': 'worker', 'second-job-by': 'worker' });
  });

  it('should exit with code 0 on SIGTERM, and a restart should see the same instances and tasks', async () => {
    // given: an instance waiting at a user task
    let client = camundaClientFor(service.url);
    await client.createDeployment({ resources: [new File([readFileSync('test/fixtures/waiting.bpmn')], 'waiting.bpmn')] });
    const { processInstanceKey } = await client.createProcessInstance({
      processDefinitionId: ProcessDefinitionId.assumeExists('waiting'),
      variables: { n: 1 },
    });

    // when
    const exit = await service.stop();
    await service.start();
    client = camundaClientFor(service.url);

    // then
    expect(exit).to.deep.equal({ code: 0, signal: null });
    const instance = await client.getProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) }, NOW);
    expect(instance.state).to.equal('ACTIVE');
    const tasks = await client.searchUserTasks(
      { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) } },
      NOW,
    );
    expect(tasks.items.map((t) => t.state)).to.deep.equal(['CREATED']);
  });

  it('should exit with code 0 on Ctrl-C, which signals PostgreSQL too, and leave PostgreSQL stopped cleanly', async () => {
    // when
    const exit = await service.interrupt();

    // then: a clean PostgreSQL shutdown removes its pid file; an orphaned or killed server leaves it
    expect(exit).to.deep.equal({ code: 0, signal: null });
    expect(existsSync(join(clusterDirOf(dataDir), 'postmaster.pid'))).to.equal(false);
    await service.start();
    const client = camundaClientFor(service.url);
    const waiting = await client.searchProcessInstances(
      { filter: { processDefinitionId: ProcessDefinitionId.assumeExists('waiting') } },
      NOW,
    );
    expect(waiting.items.map((i) => i.state)).to.deep.equal(['ACTIVE']);
  });

  it('should start again after SIGKILL, which leaves its PostgreSQL running, with every acknowledged change', async () => {
    // given: an instance created just before the kill
    let client = camundaClientFor(service.url);
    const { processInstanceKey } = await client.createProcessInstance({
      processDefinitionId: ProcessDefinitionId.assumeExists('waiting'),
      variables: { n: 2 },
    });

    // when
    await service.kill();
    const leftRunning = existsSync(join(clusterDirOf(dataDir), 'postmaster.pid'));
    await service.start();
    client = camundaClientFor(service.url);

    // then
    expect(leftRunning, 'the killed service left its PostgreSQL running').to.equal(true);
    const instance = await client.getProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) }, NOW);
    expect(instance.state).to.equal('ACTIVE');
  });
});

const NOW = { consistency: { waitUpToMs: 0 } } as const;

/** The cluster folder the service noted in DATA_DIR: DATA_DIR/postgres, or under /var/lib/sote-tyopari as root. */
function clusterDirOf(dataDir: string): string {
  return loadPostgresCredentials(dataDir, join(dataDir, 'postgres')).clusterDir;
}
