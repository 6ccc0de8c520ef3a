/**
 * Helpers for the engine acceptance suite. Everything goes through the official Camunda client
 * (strict request and response validation) against the whole service, as a real worker or
 * Tasklist would; raw fetch is used only to send what the client refuses to send.
 */
import { isSdkError, ProcessDefinitionId, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { startService } from '../../src/service.js';
import { createTestDatabase } from '../support/postgres.js';
import { camundaClientFor, type CamundaClient, type TestService } from '../support/service.js';

export type { CamundaClient, TestService };

const FIXTURES = join('test', 'fixtures', 'engine');

/** No eventual-consistency polling: the embedded engine's reads are consistent with its commits. */
export const NOW = { consistency: { waitUpToMs: 0 } } as const;

/**
 * Starts the whole service on a fresh database with clock control, as test/support/service.ts
 * does, but reports engine errors (500s, failed timer passes) on stderr: for an acceptance suite
 * an engine error is a finding, never noise.
 */
export async function startEngineService(): Promise<TestService> {
  mkdirSync(resolve('.tmp'), { recursive: true });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    DATABASE_URL: await createTestDatabase('engine'),
    DATA_DIR: mkdtempSync(join(resolve('.tmp'), 'data-')),
    ENGINE_CLOCK_CONTROL: 'true',
    LOG_LEVEL: 'error',
    WORKERS: 'off',
  });
  const service = await startService(config, { logger: pino({ level: 'error' }, pino.destination(2)) });
  return { service, client: camundaClientFor(service.url), close: () => service.close() };
}

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
  const within = options.within ?? 5000;
  const deadline = Date.now() + within;
  while (Date.now() < deadline) {
    const { jobs } = await client.activateJobs({
      type,
      worker: 'acceptance',
      timeout: options.timeout ?? 60_000,
      maxJobsToActivate: 1,
      requestTimeout: Math.max(100, Math.min(1000, deadline - Date.now())),
    });
    if (jobs.length > 0) {
      const job = jobs[0];
      if (options.processInstanceKey)
        expect(job.processInstanceKey, `job '${type}' of another instance`).to.equal(options.processInstanceKey);
      return job;
    }
  }
  throw new Error(`no job of type '${type}' became activatable within ${within} ms`);
}

/** Asserts that no job of a type can be activated now (a short long poll). */
export async function expectNoJob(client: CamundaClient, type: string, waitMs = 200): Promise<void> {
  const { jobs } = await client.activateJobs({
    type,
    worker: 'acceptance',
    timeout: 60_000,
    maxJobsToActivate: 10,
    requestTimeout: waitMs,
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

/** Polls briefly until the instance is in a state (timers and messages act asynchronously). */
export async function waitForState(client: CamundaClient, processInstanceKey: string, state: InstanceState, within = 5000) {
  const deadline = Date.now() + within;
  for (;;) {
    const instance = await getInstance(client, processInstanceKey);
    if (instance.state === state) return instance;
    if (Date.now() > deadline) {
      expect(instance.state, `state of process instance ${processInstanceKey}`).to.equal(state);
    }
    await sleep(25);
  }
}

/** Polls briefly until `probe` answers something truthy. */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string, within = 5000): Promise<T> {
  const deadline = Date.now() + within;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
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
  return eventually(async () => {
    const tasks = await userTasks(client, processInstanceKey);
    return tasks.find((t) => t.state === 'CREATED' && (!elementId || t.elementId === elementId));
  }, `a user task in instance ${processInstanceKey}`);
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
  return eventually(async () => (await children(client, processInstanceKey))[0], `a child of instance ${processInstanceKey}`);
}

export function cancel(client: CamundaClient, processInstanceKey: string) {
  return client.cancelProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) });
}

export interface Problem {
  status: number;
  title?: string;
  detail?: string;
}

/** Expects a client call to be rejected with an HTTP problem of the given status; answers it. */
export async function expectProblem(call: Promise<unknown>, status: number): Promise<Problem> {
  let error: unknown;
  try {
    await call;
  } catch (e) {
    error = e;
  }
  expect(error, `expected an HTTP ${status} rejection, but the call succeeded`).to.not.equal(undefined);
  if (!isSdkError(error) || error.name !== 'HttpSdkError') throw error;
  expect(error.status, `${error.title}: ${error.detail}`).to.equal(status);
  return { status: error.status, title: error.title, detail: error.detail };
}

export interface RawResponse {
  status: number;
  contentType: string;
  body: Record<string, unknown> | null;
}

/** Sends a raw request (for bodies the client would refuse to send). */
export async function raw(service: TestService, method: string, path: string, body?: unknown, rawBody?: string): Promise<RawResponse> {
  const response = await fetch(`${service.service.url}${path}`, {
    method,
    headers: body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {},
    body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  let parsed: Record<string, unknown> | null;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    parsed = { text };
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: parsed };
}

/** Asserts an RFC 9457 problem document with the given status. */
export function expectProblemJson(response: RawResponse, status: number): Record<string, unknown> {
  expect(response.status, JSON.stringify(response.body)).to.equal(status);
  expect(response.contentType).to.match(/^application\/problem\+json/);
  const body = response.body ?? {};
  expect(body).to.include({ status });
  expect(body.title).to.be.a('string').and.not.equal('');
  expect(body.detail).to.be.a('string').and.not.equal('');
  expect(body.type).to.be.a('string');
  return body;
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

/** An engine suite's service, its client, and the root instances its tests started. */
export interface EngineSuite extends TestService {
  readonly instances: Instances;
}

/**
 * The setup every engine suite shares, registered as mocha hooks: the service started and the
 * fixtures deployed before the tests; after each test the clock reset and the instances it left
 * cancelled, so tests cannot disturb each other; the service closed at the end.
 */
export function useEngineService(...fixtures: string[]): EngineSuite {
  let running: TestService | undefined;
  const current = (): TestService => {
    if (!running) throw new Error("the engine service starts in the suite's before hook");
    return running;
  };
  const instances = new Instances(() => current().client);
  before(async () => {
    running = await startEngineService();
    if (fixtures.length > 0) await deploy(running.client, ...fixtures);
  });
  afterEach(async () => {
    await running?.client.resetClock();
    await instances.cancelAll();
  });
  after(async () => {
    await running?.close();
  });
  return {
    get service() {
      return current().service;
    },
    get client() {
      return current().client;
    },
    close: () => current().close(),
    instances,
  };
}

/** Clock helpers: the harness starts the engine with clock control. */
export async function pin(client: CamundaClient, at: number | Date): Promise<void> {
  await client.pinClock({ timestamp: typeof at === 'number' ? at : at.getTime() });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
