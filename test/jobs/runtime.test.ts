import { ProcessDefinitionId, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { z } from 'zod';
import { BusinessError, InvalidInputError, type JobContext, type WorkerDefinition } from '../../src/jobs/definition.js';
import { startExternalTaskWorkers } from '../../src/jobs/external-task-runtime.js';
import { startWorkers, type WorkerRuntime, type WorkerRuntimeOptions } from '../../src/jobs/runtime.js';
import { eventually } from '../support/eventually.js';
import { startTestService, type TestService } from '../support/service.js';

const NOW = { consistency: { waitUpToMs: 0 } } as const;

/** What the probe workers saw, for the tests to look at. */
interface Seen {
  probeInputs: Array<Record<string, unknown>>;
  listenerEvents: Array<JobContext['listenerEventType']>;
}

const probe: WorkerDefinition<z.ZodType, z.ZodType, Seen> = {
  jobType: 'runtime-probe',
  description: 'Does what its mode says, for the runtime tests',
  // Loose, so a variable that was fetched would show in the input.
  Input: z.looseObject({ caseId: z.uuid(), mode: z.enum(['complete', 'refuse', 'invalid', 'crash']) }),
  Output: z.object({ probed: z.literal(true) }),
  async handle(input: { caseId: string; mode: string }, seen: Seen) {
    seen.probeInputs.push(input);
    if (input.mode === 'refuse') throw new BusinessError('PROBE_REFUSED', 'refused on purpose', { refusal: 'on purpose' });
    if (input.mode === 'invalid') throw new InvalidInputError('mode: the probe was told its input is unusable');
    if (input.mode === 'crash') throw new Error('the probe crashed');
    return { probed: true };
  },
};

const listener: WorkerDefinition<z.ZodType, z.ZodType, Seen> = {
  jobType: 'runtime-listener',
  description: 'Notes the listener event of its job',
  Input: z.object({}),
  Output: z.object({}),
  async handle(_input, seen: Seen, job: JobContext) {
    seen.listenerEvents.push(job.listenerEventType);
    return {};
  },
};

type Definitions = ReadonlyArray<WorkerDefinition<z.ZodType, z.ZodType, Seen>>;

/** Both transports, run over the same tests: Camunda 8 jobs over /v2, Camunda 7 external tasks over /engine-rest. */
const TRANSPORTS: Record<string, (t: TestService, definitions: Definitions, seen: Seen, options: WorkerRuntimeOptions) => WorkerRuntime> = {
  jobs: (t, definitions, seen, options) => startWorkers(t.client, definitions, seen, options),
  'external-task': (t, definitions, seen, options) =>
    startExternalTaskWorkers({ baseUrl: `${t.service.url}/engine-rest` }, definitions, seen, options),
};

for (const [transport, startTransport] of Object.entries(TRANSPORTS))
  describe(`worker runtime (${transport})`, () => {
    let t: TestService;
    let runtime: WorkerRuntime;
    const seen: Seen = { probeInputs: [], listenerEvents: [] };

    before(async () => {
      t = await startTestService();
      await t.client.deployResourcesFromFiles(['test/fixtures/worker-runtime.bpmn']);
      runtime = startTransport(t, [probe, listener], seen, { concurrency: 2, jobTimeoutMs: 30_000, logger: pino({ level: 'silent' }) });
    });

    beforeEach(() => {
      seen.probeInputs.length = 0;
      seen.listenerEvents.length = 0;
    });

    after(async () => {
      await runtime?.stop();
      await t?.close();
    });

    async function start(variables: Record<string, unknown>): Promise<string> {
      const created = await t.client.createProcessInstance({
        processDefinitionId: ProcessDefinitionId.assumeExists('worker-runtime'),
        variables,
      });
      return String(created.processInstanceKey);
    }

    async function incidentsOf(key: string) {
      return (await t.client.searchIncidents({ filter: { processInstanceKey: ProcessInstanceKey.assumeExists(key) } }, NOW)).items;
    }

    async function finishedAt(key: string): Promise<string | undefined> {
      const instance = await t.client.getProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists(key) }, NOW);
      if (instance.state !== 'COMPLETED') return undefined;
      const ends = await t.client.searchElementInstances(
        { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(key), type: 'END_EVENT' } },
        NOW,
      );
      return String(ends.items[0]?.elementId);
    }

    it('should complete a job with the handler’s output, giving it only the variables its schema names', async () => {
      // given
      const key = await start({ caseId: randomUUID(), mode: 'complete', screeningNote: 'free text the probe must not receive' });

      // when
      const end = await eventually('the instance to complete', () => finishedAt(key));

      // then
      expect(end).to.equal('done');
      expect(Object.keys(seen.probeInputs[0])).to.have.members(['caseId', 'mode']);
      expect(seen.listenerEvents).to.deep.equal(['END']);
      const variables = await t.client.searchVariables(
        { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(key), name: 'probed' } },
        NOW,
      );
      expect(variables.items.map((v) => v.value)).to.deep.equal(['true']);
    });

    it('should turn bad variables into an incident naming the field, without calling the handler', async () => {
      // given
      const key = await start({ caseId: 'case-1', mode: 'complete' });

      // when
      const [incident] = await eventually('an incident', async () => {
        const found = await incidentsOf(key);
        return found.length > 0 ? found : undefined;
      });

      // then
      expect(incident.errorType).to.equal('JOB_NO_RETRIES');
      expect(incident.errorMessage).to.equal("Job 'runtime-probe' got invalid variables — 'caseId': Invalid UUID");
      expect(seen.probeInputs).to.deep.equal([]);
    });

    it('should throw a BusinessError as a BPMN error the diagram catches', async () => {
      // given
      const key = await start({ caseId: randomUUID(), mode: 'refuse' });

      // when
      const end = await eventually('the instance to complete', () => finishedAt(key));

      // then
      expect(end).to.equal('refused');
      const variables = await t.client.searchVariables(
        { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(key), name: 'refusal' } },
        NOW,
      );
      expect(variables.items.map((v) => v.value)).to.deep.equal(['"on purpose"']);
    });

    it('should fail a job at once, without retries, on an InvalidInputError', async () => {
      // given
      const key = await start({ caseId: randomUUID(), mode: 'invalid' });

      // when
      const [incident] = await eventually('an incident', async () => {
        const found = await incidentsOf(key);
        return found.length > 0 ? found : undefined;
      });

      // then
      expect(incident.errorMessage).to.equal('mode: the probe was told its input is unusable');
      expect(seen.probeInputs).to.have.length(1);
    });

    it('should retry a job that failed unexpectedly, with back-off, until its retries run out', async () => {
      // given a job with 3 retries: backs off 1 s, then 2 s
      const key = await start({ caseId: randomUUID(), mode: 'crash' });

      // when
      const [incident] = await eventually('an incident', async () => {
        const found = await incidentsOf(key);
        return found.length > 0 ? found : undefined;
      });

      // then
      expect(incident.errorMessage).to.equal('the probe crashed');
      expect(seen.probeInputs).to.have.length(3);
    });
  });
