import createCamundaClient from '@camunda8/orchestration-cluster-api';
import { Engine } from 'bpmn-engine';
import { Client as ExternalTaskClient } from 'camunda-external-task-client-js';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ChildService, freePort } from '../kit/child-service.js';
import { bareDiagram, jobTypes, zeebeDiagram } from './diagrams.js';
import { CpuMeter, cpuSeconds, embeddedPostgresOf, peakRssMb, transactionsSoFar } from './process-usage.js';

/**
 * `npm run bench:engine`: 2,000 instances of an 8-service-task process with an exclusive gateway
 * on the durable embedded engine, as a user runs it: the service (`src/main.ts`, embedded
 * PostgreSQL, no pathway workers) in a process of its own, and this process its client, starting
 * instances and completing their jobs through the official client over HTTP. Prints instances/s,
 * start→end latency percentiles, the statements and transactions the service sent to PostgreSQL
 * per instance, and the CPU of the service, its PostgreSQL and the client; and compares them with
 * the stored baseline (bench/baseline-engine.json; BENCH_WRITE_BASELINE=<label> replaces it). Bare
 * in-memory bpmn-engine runs the same shape in a child process of its own, as context only
 * (BENCH_BARE=off skips it): its throughput moves with the machine's load more than ours does.
 * BENCH_TRANSPORT=external-task works the jobs through Camunda 7's external-task protocol
 * (`/engine-rest`, camunda-external-task-client-js) instead of Camunda 8 job workers.
 */
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 2000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 50);
const BASELINE_FILE = resolve('bench/baseline-engine.json');
const TRANSPORT = process.env.BENCH_TRANSPORT ?? 'jobs';
if (TRANSPORT !== 'jobs' && TRANSPORT !== 'external-task')
  throw new Error(`BENCH_TRANSPORT must be jobs or external-task, not ${TRANSPORT}`);

interface Result {
  engine: string;
  instances: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  peakRssMb: number;
}

interface EmbeddedResult extends Result {
  /** The engine's statements (those naming its tables) per instance. */
  statementsPerInstance: number;
  /** All the service's statements per instance, the /v2 use log's included. */
  serviceStatementsPerInstance: number;
  transactionsPerInstance: number;
  /** Shares of one core over the run. */
  cpu: { service: number; postgres: number; client: number };
  /** CPU ms the service and its PostgreSQL spent per instance: steadier than instances/s on a shared machine. */
  cpuMsPerInstance: { service: number; postgres: number };
}

interface Baseline {
  label: string;
  measuredAt: string;
  instances: number;
  inFlight: number;
  perSecond: number;
  statementsPerInstance: number;
  serviceStatementsPerInstance: number;
  transactionsPerInstance: number;
  cpuMsPerInstance?: { service: number; postgres: number };
}

async function main(): Promise<void> {
  if (process.argv[2] === 'bare') return console.log(JSON.stringify(await runBare()));
  const bare = process.env.BENCH_BARE === 'off' ? undefined : runBareInChild();
  const embedded = await runEmbedded();
  console.log(`instances: ${INSTANCES}, in flight: ${IN_FLIGHT}, 8 service tasks + exclusive gateway, workers over ${TRANSPORT}`);
  for (const r of bare ? [bare, embedded] : [embedded]) {
    console.log(
      `${r.engine.padEnd(28)} ${r.perSecond.toFixed(1).padStart(7)} instances/s  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  peak RSS ${r.peakRssMb.toFixed(0)} MB  (${r.seconds.toFixed(1)} s)`,
    );
  }
  const pct = (share: number) => `${(share * 100).toFixed(0)}%`;
  console.log(
    `  per instance: ${embedded.statementsPerInstance.toFixed(1)} engine statements (${embedded.serviceStatementsPerInstance.toFixed(1)} with the app's use log), ${embedded.transactionsPerInstance.toFixed(1)} transactions; ` +
      `CPU (of one core): service ${pct(embedded.cpu.service)}, PostgreSQL ${pct(embedded.cpu.postgres)}, client ${pct(embedded.cpu.client)}; ` +
      `CPU per instance: service ${embedded.cpuMsPerInstance.service.toFixed(1)} ms, PostgreSQL ${embedded.cpuMsPerInstance.postgres.toFixed(1)} ms`,
  );
  console.log(`  jobs/s: ${(embedded.perSecond * jobTypes.length).toFixed(1)} (${jobTypes.length} jobs per instance, over ${TRANSPORT})`);
  if (bare) console.log(`durable embedded / bare bpmn-engine throughput: ${pct(embedded.perSecond / bare.perSecond)}`);
  compareWithBaseline(embedded);
}

function compareWithBaseline(embedded: EmbeddedResult): void {
  const label = process.env.BENCH_WRITE_BASELINE;
  if (label) {
    if (TRANSPORT !== 'jobs')
      throw new Error('the baseline is of the Camunda 8 job workers: BENCH_WRITE_BASELINE needs BENCH_TRANSPORT=jobs');
    const baseline: Baseline = {
      label,
      measuredAt: new Date().toISOString(),
      instances: INSTANCES,
      inFlight: IN_FLIGHT,
      perSecond: Number(embedded.perSecond.toFixed(1)),
      statementsPerInstance: Number(embedded.statementsPerInstance.toFixed(2)),
      serviceStatementsPerInstance: Number(embedded.serviceStatementsPerInstance.toFixed(2)),
      transactionsPerInstance: Number(embedded.transactionsPerInstance.toFixed(2)),
      cpuMsPerInstance: {
        service: Number(embedded.cpuMsPerInstance.service.toFixed(1)),
        postgres: Number(embedded.cpuMsPerInstance.postgres.toFixed(1)),
      },
    };
    writeFileSync(BASELINE_FILE, `${JSON.stringify(baseline, null, 2)}\n`);
    console.log(`baseline written to ${BASELINE_FILE} (${label})`);
    return;
  }
  if (!existsSync(BASELINE_FILE))
    return console.log(`no baseline at ${BASELINE_FILE}: BENCH_WRITE_BASELINE=<label> stores this run as one`);
  const baseline = JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Baseline;
  const ratio = (now: number, then: number) => `${(now / then).toFixed(2)}×`;
  console.log(
    `against the baseline (${baseline.label}: ${baseline.perSecond} instances/s, ${baseline.statementsPerInstance} engine statements per instance): ` +
      `throughput ${ratio(embedded.perSecond, baseline.perSecond)}, engine statements per instance ${ratio(embedded.statementsPerInstance, baseline.statementsPerInstance)}` +
      (baseline.cpuMsPerInstance
        ? `, service CPU per instance ${ratio(embedded.cpuMsPerInstance.service, baseline.cpuMsPerInstance.service)}, PostgreSQL CPU per instance ${ratio(embedded.cpuMsPerInstance.postgres, baseline.cpuMsPerInstance.postgres)}`
        : ''),
  );
}

function runBareInChild(): Result {
  const out = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, 'bare'], {
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Result;
}

/** Runs `start(i)` for every instance with at most IN_FLIGHT at once; returns latencies in ms. */
async function drive(start: (i: number) => Promise<void>): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < INSTANCES) {
        const i = next++;
        const t = performance.now();
        await start(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  return { latencies: latencies.sort((a, b) => a - b), seconds };
}

function summarise(engine: string, run: { latencies: number[]; seconds: number }, peakRssMb: number): Result {
  const at = (q: number) => run.latencies[Math.min(run.latencies.length - 1, Math.floor(q * run.latencies.length))];
  return {
    engine,
    instances: INSTANCES,
    seconds: run.seconds,
    perSecond: INSTANCES / run.seconds,
    p50: at(0.5),
    p95: at(0.95),
    peakRssMb,
  };
}

async function runBare(): Promise<Result> {
  const services = { work: (_context: unknown, callback: () => void) => setImmediate(callback) };
  const run = await drive(
    (i) =>
      new Promise<void>((resolve, reject) => {
        const engine = new Engine({ name: `bench-${i}`, source: bareDiagram, services, variables: { amount: i % 100 } });
        engine.execute((error: Error | null) => (error ? reject(error) : undefined));
        engine.once('end', () => resolve());
        engine.once('error', reject);
      }),
  );
  return summarise('bare bpmn-engine (memory)', run, process.resourceUsage().maxRSS / 1024);
}

async function runEmbedded(): Promise<EmbeddedResult> {
  mkdirSync(resolve('.tmp'), { recursive: true });
  const dataDir = mkdtempSync(join(resolve('.tmp'), 'bench-engine-'));
  const statementsFile = join(dataDir, 'statements');
  const service = new ChildService(
    await freePort(),
    { DATA_DIR: dataDir, DATABASE_URL: '', CAMUNDA_REST_ADDRESS: '', WORKERS: 'off', BENCH_STATEMENTS_FILE: statementsFile },
    [pathToFileURL(resolve('bench/count-statements.ts')).href],
  );
  await service.start();
  const clientConfig = { CAMUNDA_REST_ADDRESS: service.url, CAMUNDA_SDK_LOG_LEVEL: 'silent', CAMUNDA_SDK_VALIDATION: 'none' } as const;
  // Workers get a client of their own, as a worker fleet would; the starter's awaitCompletion calls
  // are held open by design, so its adaptive gating (which counts them as in-flight work) is off.
  const client = createCamundaClient({ config: clientConfig });
  const starter = createCamundaClient({ config: { ...clientConfig, CAMUNDA_SDK_BACKPRESSURE_PROFILE: 'LEGACY' } });
  const stopWorkers = TRANSPORT === 'external-task' ? workOverExternalTasks(service.url) : workOverJobs(client);
  try {
    await client.createDeployment({ resources: [new File([zeebeDiagram], 'bench.bpmn', { type: 'application/xml' })] });
    const postgres = embeddedPostgresOf(dataDir);
    const postgresCpu = new CpuMeter(postgres.postmasterPid);
    const statementsBefore = await statementsSoFar(service, statementsFile);
    const transactionsBefore = await transactionsSoFar(postgres.superuserUrl);
    const serviceCpuBefore = cpuSeconds(service.pid);
    const clientCpuBefore = process.cpuUsage();
    postgresCpu.begin();
    const run = await drive(async (i) => {
      await starter.createProcessInstance({
        processDefinitionId: 'bench-process' as never,
        variables: { amount: i % 100 },
        awaitCompletion: true,
        requestTimeout: 120_000,
      });
    });
    const postgresUsed = postgresCpu.end();
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const serviceCpu = cpuSeconds(service.pid) - serviceCpuBefore;
    const statementsAfter = await statementsSoFar(service, statementsFile);
    // Less this benchmark's own reading at the end.
    const transactions = (await transactionsSoFar(postgres.superuserUrl)) - transactionsBefore - 1;
    return {
      ...summarise('durable embedded (PostgreSQL)', run, peakRssMb(service.pid)),
      statementsPerInstance: (statementsAfter.engine - statementsBefore.engine) / INSTANCES,
      serviceStatementsPerInstance: (statementsAfter.all - statementsBefore.all) / INSTANCES,
      transactionsPerInstance: transactions / INSTANCES,
      cpu: {
        service: serviceCpu / run.seconds,
        postgres: postgresUsed.shareOfCore,
        client: (clientCpu.user + clientCpu.system) / 1e6 / run.seconds,
      },
      cpuMsPerInstance: { service: (serviceCpu * 1000) / INSTANCES, postgres: (postgresUsed.cpuSeconds * 1000) / INSTANCES },
    };
  } finally {
    stopWorkers();
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Camunda 8 job workers, one per job type; answers how to stop them. */
function workOverJobs(client: ReturnType<typeof createCamundaClient>): () => void {
  for (const jobType of jobTypes) {
    client.createJobWorker({
      jobType,
      maxParallelJobs: 64,
      jobTimeoutMs: 30_000,
      pollIntervalMs: 1,
      validateSchemas: false,
      jobHandler: (job) => job.complete({}),
    });
  }
  return () => void client.stopAllWorkers();
}

/** One camunda-external-task-client-js client subscribed to every job type, as src/jobs/external-task-runtime.ts runs; answers how to stop it. */
function workOverExternalTasks(serviceUrl: string): () => void {
  const parallel = 64 * jobTypes.length;
  const client = new ExternalTaskClient({
    baseUrl: `${serviceUrl}/engine-rest`,
    workerId: `bench-${process.pid}`,
    maxTasks: parallel,
    maxParallelExecutions: parallel,
    asyncResponseTimeout: 10_000,
    interval: 1,
    lockDuration: 30_000,
    autoPoll: false,
  });
  for (const jobType of jobTypes)
    client.subscribe(jobType, { lockDuration: 30_000 }, ({ task, taskService }) => taskService.complete(task));
  client.start();
  return () => client.stop();
}

/** Asks the service (bench/count-statements.ts in it) how many statements it has sent so far, all and the engine's. */
async function statementsSoFar(service: ChildService, file: string): Promise<{ all: number; engine: number }> {
  rmSync(file, { force: true });
  process.kill(service.pid, 'SIGUSR2');
  for (;;) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (text) return JSON.parse(text) as { all: number; engine: number };
    await new Promise((r) => setTimeout(r, 10));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
