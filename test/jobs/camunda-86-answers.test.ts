import createCamundaClient, { ProcessDefinitionId, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { z } from 'zod';
import type { JobContext, WorkerDefinition } from '../../src/jobs/definition.js';
import { startWorkers, type WorkerRuntime } from '../../src/jobs/runtime.js';
import { eventually } from '../support/eventually.js';
import { startTestService, type CamundaClient, type TestService } from '../support/service.js';

const NO_WAIT = { consistency: { waitUpToMs: 0 } } as const;

function recorder(jobType: string, seen: JobContext[]): WorkerDefinition<z.ZodType, z.ZodType, unknown> {
  return {
    jobType,
    description: 'Notes the job it was given',
    Input: z.object({}),
    Output: z.object({}),
    async handle(_input, _deps, job) {
      seen.push(job);
      return {};
    },
  };
}

/**
 * Camunda 8.6 answered keys as JSON numbers and did not say which listener a job belongs to; the
 * embedded engine does too with ENGINE_REST_DIALECT=8.6. The official client passes what came.
 */
describe('worker runtime against an engine answering as Camunda 8.6', () => {
  let t: TestService;
  let client: CamundaClient;
  let runtime: WorkerRuntime | undefined;

  before(async () => {
    t = await startTestService({ ENGINE_REST_DIALECT: '8.6' });
    // The default validation, as the app's own client: strict response checking would refuse what such a broker sends.
    client = createCamundaClient({
      config: { CAMUNDA_REST_ADDRESS: t.service.url, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_SDK_LOG_LEVEL: 'silent' },
    });
    await client.deployResourcesFromFiles(['test/fixtures/worker-runtime.bpmn']);
  });

  after(async () => {
    await runtime?.stop();
    await t?.close();
  });

  const start = async () => {
    const created = await client.createProcessInstance({
      processDefinitionId: ProcessDefinitionId.assumeExists('worker-runtime'),
      variables: { caseId: randomUUID(), mode: 'complete', referenceKey: '42' },
    });
    return created.processInstanceKey as unknown;
  };

  it('should answer entity keys as numbers, jobs without their listener, and the process’s variables as they are', async () => {
    // given
    const instanceKey = await start();

    // when
    const response = await fetch(`${t.service.url}/v2/jobs/activation`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'runtime-probe', worker: 'raw', timeout: 1000, maxJobsToActivate: 1 }),
    });
    const { jobs } = (await response.json()) as { jobs: Array<Record<string, unknown>> };

    // then
    expect(instanceKey).to.be.a('number');
    expect(jobs[0].jobKey).to.be.a('number');
    expect(jobs[0].processInstanceKey).to.equal(instanceKey);
    expect(jobs[0].variables).to.deep.include({ referenceKey: '42', mode: 'complete' });
    expect(jobs[0]).to.not.have.any.keys('kind', 'listenerEventType');
  });

  it('should give the handlers every key as a string, as the engine’s own number spelled', async () => {
    // given
    const seen: JobContext[] = [];
    runtime = startWorkers(
      client,
      [recorder('runtime-probe', seen), recorder('runtime-listener', seen)],
      {},
      { concurrency: 2, jobTimeoutMs: 30_000, logger: pino({ level: 'silent' }) },
    );
    const instanceKey = await start();

    // when
    const completed = await eventually('the instance to complete', async () => {
      const instance = await client.getProcessInstance(
        { processInstanceKey: ProcessInstanceKey.assumeExists(String(instanceKey)) },
        NO_WAIT,
      );
      return instance.state === 'COMPLETED' ? instance : undefined;
    });

    // then
    const ofInstance = seen.filter((job) => job.processInstanceKey === String(instanceKey));
    expect(completed.processInstanceKey).to.equal(instanceKey);
    expect(ofInstance.map((job) => job.listenerEventType)).to.deep.equal(['UNSPECIFIED', 'UNSPECIFIED']);
    for (const job of ofInstance) {
      expect([typeof job.jobKey, typeof job.processInstanceKey, typeof job.elementInstanceKey]).to.deep.equal([
        'string',
        'string',
        'string',
      ]);
      expect(job.jobKey).to.match(/^[0-9]+$/);
    }
  });
});
