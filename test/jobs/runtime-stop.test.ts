import { ProcessDefinitionId, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { z } from 'zod';
import type { WorkerDefinition } from '../../src/jobs/definition.js';
import type { JobObserver, JobOutcome } from '../../src/jobs/job-observer.js';
import { startWorkers, type WorkerRuntime } from '../../src/jobs/runtime.js';
import { eventually } from '../support/eventually.js';
import { startTestService, type TestService } from '../support/service.js';

const NOW = { consistency: { waitUpToMs: 0 } } as const;

/** How long the probe's handler takes, and how often it has started. */
interface Control {
  delayMs: number;
  started: number;
}

const slowProbe: WorkerDefinition<z.ZodType, z.ZodType, Control> = {
  jobType: 'runtime-probe',
  description: 'Takes control.delayMs to complete',
  Input: z.object({ caseId: z.uuid() }),
  Output: z.object({ probed: z.literal(true) }),
  async handle(_input, control: Control) {
    control.started += 1;
    await new Promise((resolve) => setTimeout(resolve, control.delayMs));
    return { probed: true };
  },
};

const listener: WorkerDefinition<z.ZodType, z.ZodType, Control> = {
  jobType: 'runtime-listener',
  description: 'Completes the probe task’s end listener',
  Input: z.object({}),
  Output: z.object({}),
  handle: async () => ({}),
};

/** An observer that keeps what it is told. */
function recorder(): JobObserver & { outcomes: Array<[string, JobOutcome]> } {
  const outcomes: Array<[string, JobOutcome]> = [];
  return { outcomes, jobActivated: () => {}, jobFinished: (jobType, outcome) => outcomes.push([jobType, outcome]) };
}

describe('worker runtime #stop', () => {
  let t: TestService;
  const control: Control = { delayMs: 0, started: 0 };
  const running: WorkerRuntime[] = [];

  before(async () => {
    t = await startTestService();
    await t.client.deployResourcesFromFiles(['test/fixtures/worker-runtime.bpmn']);
  });

  beforeEach(() => {
    control.started = 0;
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop(0)));
  });

  after(async () => {
    await t?.close();
  });

  function start(observer: JobObserver): WorkerRuntime {
    const runtime = startWorkers(t.client, [slowProbe, listener], control, {
      concurrency: 2,
      jobTimeoutMs: 30_000,
      logger: pino({ level: 'silent' }),
      observer,
    });
    running.push(runtime);
    return runtime;
  }

  async function startInstance(): Promise<string> {
    const created = await t.client.createProcessInstance({
      processDefinitionId: ProcessDefinitionId.assumeExists('worker-runtime'),
      variables: { caseId: randomUUID() },
    });
    return String(created.processInstanceKey);
  }

  async function completed(key: string): Promise<boolean> {
    return (await t.client.getProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists(key) }, NOW)).state === 'COMPLETED';
  }

  it('should stop polling and let the jobs in hand finish', async () => {
    // given a job whose handler is running
    control.delayMs = 800;
    const first = recorder();
    const runtime = start(first);
    const key = await startInstance();
    await eventually('the handler to start', async () => control.started === 1);

    // when
    const report = await runtime.stop(5000);

    // then the job was completed before stop returned, and nothing was handed back
    expect(report.released).to.equal(0);
    expect(first.outcomes).to.deep.equal([['runtime-probe', 'completed']]);
    expect(runtime.stopping()).to.equal(true);
    // and the stopped runtime takes no more jobs: the end listener's job waits for another worker, here the test
    const { jobs } = await t.client.activateJobs({
      type: 'runtime-listener',
      worker: 'the test',
      timeout: 60_000,
      maxJobsToActivate: 1,
      requestTimeout: 5000,
    });
    expect(jobs.map((job) => String(job.processInstanceKey))).to.deep.equal([key]);
    await t.client.completeJob({ jobKey: jobs[0].jobKey });
    await eventually('the instance to complete', () => completed(key));
    expect(control.started).to.equal(1);
  });

  it('should hand back a job still running when the wait runs out, with its retries unchanged, and not answer for it later', async () => {
    // given a handler slower than the shutdown wait
    control.delayMs = 1500;
    const first = recorder();
    const runtime = start(first);
    const key = await startInstance();
    await eventually('the handler to start', async () => control.started === 1);

    // when
    const report = await runtime.stop(100);

    // then the job is back in the engine with all its retries, and no incident
    expect(report.released).to.equal(1);
    expect(first.outcomes).to.deep.equal([['runtime-probe', 'released']]);
    const jobs = await t.client.searchJobs(
      { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(key), type: 'runtime-probe' } },
      NOW,
    );
    expect(jobs.items.map((j) => j.retries)).to.deep.equal([3]);
    expect(
      (await t.client.searchIncidents({ filter: { processInstanceKey: ProcessInstanceKey.assumeExists(key) } }, NOW)).items,
    ).to.deep.equal([]);

    // and another worker does it at once
    control.delayMs = 0;
    start(recorder());
    await eventually('the instance to complete', () => completed(key));
    expect(control.started).to.equal(2);
    // while the first handler, finishing late, tells the engine nothing: the stopped runtime lets go of it unanswered
    await eventually('the first handler to finish', async () => runtime.activeJobs() === 0);
    expect(first.outcomes).to.deep.equal([['runtime-probe', 'released']]);
  });
});
