/**
 * Helpers for the engine acceptance suite. Everything goes through the official Camunda client
 * (strict request and response validation) against the embedded engine alone (test/support/engine.ts),
 * as a real worker or Tasklist would; raw fetch is used only to send what the client refuses to send.
 */
import { ProcessDefinitionId, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { join } from 'node:path';
import type { CamundaClient } from '../../kit/camunda-client.js';
import { useTestEngine, type TestEngine } from '../support/engine.js';
import { eventually } from '../support/eventually.js';

export type { CamundaClient, TestEngine };
export { eventually };
export { expectProblem } from '../support/problem.js';
export { raw } from '../support/raw.js';

const FIXTURES = join('test', 'fixtures', 'engine');

/** No eventual-consistency polling: the embedded engine's reads are consistent with its commits. */
export const NOW = { consistency: { waitUpToMs: 0 } } as const;

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

export type Deployment = Awaited<ReturnType<CamundaClient['deployResourcesFromFiles']>>;

/** Deploys fixtures from test/fixtures/engine by file name. */
export function deploy(client: CamundaClient, ...names: string[]): Promise<Deployment> {
  return client.deployResourcesFromFiles(names.map(fixturePath));
}

/** Deploys in-memory resources (for generated or deliberately broken XML). */
export function deployText(client: CamundaClient, resources: Record<string, string>): Promise<Deployment> {
  return client.createDeployment({
    resources: Object.entries(resources).map(([name, text]) => new File([text], name, { type: 'application/xml' })),
  });
}

/** Starts an instance of the latest version of a process; answers its key. */
export async function start(client: CamundaClient, processId: string, variables: Record<string, unknown> = {}): Promise<string> {
  const created = await client.createProcessInstance({ processDefinitionId: ProcessDefinitionId.assumeExists(processId), variables });
  return created.processInstanceKey;
}

export type Job = Awaited<ReturnType<CamundaClient['activateJobs']>>['jobs'][number];

/**
 * Waits (long polling) for a job of a type and activates it. With `processInstanceKey`, only a job
 * of that instance is accepted: a job of another instance makes the test fail rather than be taken
 * silently, so tests sharing a job type cannot hide each other's leftovers.
 */
export async function waitForJob(
  client: CamundaClient,
  type: string,
  options: { within?: number; timeout?: number; processInstanceKey?: string } = {},
): Promise<Job> {
  const job = await eventually(
    `a job of type '${type}' to become activatable`,
    async () => {
      // A long poll of its own: the engine answers as soon as a job is there.
      const { jobs } = await client.activateJobs({
        type,
        worker: 'acceptance',
        timeout: options.timeout ?? 60_000,
        maxJobsToActivate: 1,
        requestTimeout: 1000,
      });
      return jobs[0];
    },
    { within: options.within ?? 5000, every: 0 },
  );
  if (options.processInstanceKey) expect(job.processInstanceKey, `job '${type}' of another instance`).to.equal(options.processInstanceKey);
  return job;
}

/**
 * Asserts that no job of a type can be activated now: an activation without long polling, so
 * nothing is waited for. The engine answers a command only once its transition is committed
 * (and a clock change only after the timers it made due have fired), so what the test did last
 * is settled when this asks.
 */
export async function expectNoJob(client: CamundaClient, type: string): Promise<void> {
  const { jobs } = await client.activateJobs({
    type,
    worker: 'acceptance',
    timeout: 60_000,
    maxJobsToActivate: 10,
    requestTimeout: -1,
  });
  expect(
    jobs.map((j) => `${j.elementId} (${j.processInstanceKey})`),
    `jobs of type '${type}'`,
  ).to.deep.equal([]);
}

/** Activates and completes the next job of a type; answers the activated job. */
export async function completeNext(
  client: CamundaClient,
  type: string,
  variables: Record<string, unknown> = {},
  processInstanceKey?: string,
): Promise<Job> {
  const job = await waitForJob(client, type, { processInstanceKey });
  await client.completeJob({ jobKey: job.jobKey, variables });
  return job;
}

export type InstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

export async function getInstance(client: CamundaClient, processInstanceKey: string) {
  return client.getProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) }, NOW);
}

/** Waits until the instance is in a state (timers and messages act asynchronously). */
export async function waitForState(client: CamundaClient, processInstanceKey: string, state: InstanceState, within = 5000) {
  return eventually(
    `process instance ${processInstanceKey} to be ${state}`,
    async () => {
      const instance = await getInstance(client, processInstanceKey);
      return instance.state === state && instance;
    },
    { within, every: 25 },
  );
}

export type ElementInstance = Awaited<ReturnType<CamundaClient['searchElementInstances']>>['items'][number];

/** The element instances of a process instance in creation (key) order. */
export async function elementInstances(client: CamundaClient, processInstanceKey: string): Promise<ElementInstance[]> {
  const result = await client.searchElementInstances(
    {
      filter: { processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) },
      sort: [{ field: 'elementInstanceKey', order: 'ASC' }],
      page: { limit: 1000 },
    },
    NOW,
  );
  return result.items;
}

/** `elementId:STATE` for each element instance of a process instance, in creation order. */
export async function trail(client: CamundaClient, processInstanceKey: string): Promise<string[]> {
  return (await elementInstances(client, processInstanceKey)).map((e) => `${e.elementId}:${e.state}`);
}

/** Element ids of a process instance that are (still) ACTIVE. */
export async function activeElements(client: CamundaClient, processInstanceKey: string): Promise<string[]> {
  return (await elementInstances(client, processInstanceKey)).filter((e) => e.state === 'ACTIVE').map((e) => e.elementId);
}

/** Variables of a process instance as `{ name: value }`, for one scope (default: the process instance itself). */
export async function variables(
  client: CamundaClient,
  processInstanceKey: string,
  scopeKey = processInstanceKey,
): Promise<Record<string, unknown>> {
  const all = await allVariables(client, processInstanceKey);
  return Object.fromEntries(all.filter((v) => v.scopeKey === scopeKey).map((v) => [v.name, JSON.parse(v.value)]));
}

export async function allVariables(client: CamundaClient, processInstanceKey: string) {
  const result = await client.searchVariables(
    { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) }, page: { limit: 1000 } },
    NOW,
  );
  return result.items;
}

export async function incidents(client: CamundaClient, processInstanceKey: string) {
  const result = await client.searchIncidents({ filter: { processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) } }, NOW);
  return result.items;
}

export async function userTasks(client: CamundaClient, processInstanceKey: string) {
  const result = await client.searchUserTasks({ filter: { processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) } }, NOW);
  return result.items;
}

/** Waits for the (single) CREATED user task of an instance. */
export async function waitForUserTask(client: CamundaClient, processInstanceKey: string, elementId?: string) {
  return eventually(`a user task in instance ${processInstanceKey}`, async () => {
    const tasks = await userTasks(client, processInstanceKey);
    return tasks.find((t) => t.state === 'CREATED' && (!elementId || t.elementId === elementId));
  });
}

/** Child process instances started by call activities of an instance. */
export async function children(client: CamundaClient, processInstanceKey: string) {
  const result = await client.searchProcessInstances(
    { filter: { parentProcessInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) } },
    NOW,
  );
  return result.items;
}

/** Waits for the (first) child instance a call activity of an instance started. */
export async function waitForChild(client: CamundaClient, processInstanceKey: string) {
  return eventually(`a child of instance ${processInstanceKey}`, async () => (await children(client, processInstanceKey))[0]);
}

export function cancel(client: CamundaClient, processInstanceKey: string) {
  return client.cancelProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) });
}

/** Cancels every still-active root instance created by the tests of a file, so they cannot disturb later tests. */
export class Instances {
  private readonly keys = new Set<string>();

  constructor(private readonly client: () => CamundaClient) {}

  async start(processId: string, vars: Record<string, unknown> = {}): Promise<string> {
    const key = await start(this.client(), processId, vars);
    this.keys.add(key);
    return key;
  }

  track(key: string): string {
    this.keys.add(key);
    return key;
  }

  async cancelAll(): Promise<void> {
    const client = this.client();
    for (const key of this.keys) {
      const instance = await getInstance(client, key).catch(() => undefined);
      if (instance?.state === 'ACTIVE' && !instance.parentProcessInstanceKey) {
        await client.cancelProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists(key) }).catch(() => undefined);
      }
    }
    this.keys.clear();
  }
}

/** An engine suite's engine, its client, and the root instances its tests started. */
export interface EngineSuite extends TestEngine {
  readonly instances: Instances;
}

/**
 * The setup every engine suite shares, registered as mocha hooks: the engine started alone
 * (useTestEngine) and the fixtures deployed before the tests; after each test the clock reset and
 * the instances it left cancelled, so tests cannot disturb each other; the engine closed at the end.
 */
export function useEngineSuite(...fixtures: string[]): EngineSuite {
  const engine = useTestEngine();
  const instances = new Instances(() => engine.client);
  before(async () => {
    if (fixtures.length > 0) await deploy(engine.client, ...fixtures);
  });
  afterEach(async () => {
    await engine.client.resetClock();
    await instances.cancelAll();
  });
  return {
    get url() {
      return engine.url;
    },
    get knex() {
      return engine.knex;
    },
    get client() {
      return engine.client;
    },
    close: () => engine.close(),
    instances,
  };
}

/** Clock helpers: the harness starts the engine with clock control. */
export async function pin(client: CamundaClient, at: number | Date): Promise<void> {
  await client.pinClock({ timestamp: typeof at === 'number' ? at : at.getTime() });
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
