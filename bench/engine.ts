import createCamundaClient from '@camunda8/orchestration-cluster-api';
import { Engine } from 'bpmn-engine';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { startService } from '../src/service.js';
import { bareDiagram, jobTypes, zeebeDiagram } from './diagrams.js';

/**
 * `npm run bench:engine`: 2,000 instances of an 8-service-task process with an exclusive gateway,
 * on the durable embedded engine (workers through the official client over HTTP) and on bare
 * in-memory bpmn-engine; prints instances/s, start→end latency percentiles and peak RSS. Each
 * engine runs in a child process of its own so their memory does not mix.
 */
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 2000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 50);

interface Result {
  engine: string;
  instances: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  peakRssMb: number;
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode === 'bare') return print(await runBare());
  if (mode === 'embedded') return print(await runEmbedded());
  const results = ['bare', 'embedded'].map((m) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, m], {
      encoding: 'utf8',
      env: process.env,
      maxBuffer: 1 << 20,
    });
    return JSON.parse(out.trim().split('\n').pop()!) as Result;
  });
  console.log(`instances: ${INSTANCES}, in flight: ${IN_FLIGHT}, 8 service tasks + exclusive gateway`);
  for (const r of results) {
    console.log(
      `${r.engine.padEnd(28)} ${r.perSecond.toFixed(1).padStart(7)} instances/s  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  peak RSS ${r.peakRssMb.toFixed(0)} MB  (${r.seconds.toFixed(1)} s)`,
    );
  }
  const [bare, embedded] = results;
  console.log(`durable embedded / bare bpmn-engine throughput: ${((embedded.perSecond / bare.perSecond) * 100).toFixed(0)}%`);
}

function print(result: Result): void {
  console.log(JSON.stringify(result));
}

/** Runs `start(i)` for every instance with at most IN_FLIGHT at once; returns latencies in ms. */
async function drive(start: (i: number) => Promise<void>): Promise<{ latencies: number[]; seconds: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
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
  clearInterval(sampler);
  return { latencies: latencies.sort((a, b) => a - b), seconds, peakRssMb: peak / 1024 / 1024 };
}

function summarise(engine: string, run: { latencies: number[]; seconds: number; peakRssMb: number }): Result {
  const at = (q: number) => run.latencies[Math.min(run.latencies.length - 1, Math.floor(q * run.latencies.length))];
  return {
    engine,
    instances: INSTANCES,
    seconds: run.seconds,
    perSecond: INSTANCES / run.seconds,
    p50: at(0.5),
    p95: at(0.95),
    peakRssMb: run.peakRssMb,
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
  return summarise('bare bpmn-engine (memory)', run);
}

async function runEmbedded(): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'sote-bench-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    WORKERS: 'off',
  });
  const service = await startService(config, { ephemeralDatabase: true, logger: pino({ level: 'silent' }) });
  const clientConfig = { CAMUNDA_REST_ADDRESS: service.url, CAMUNDA_SDK_LOG_LEVEL: 'silent', CAMUNDA_SDK_VALIDATION: 'none' } as const;
  // Workers get a client of their own, as a worker fleet would; the starter's awaitCompletion calls
  // are held open by design, so its adaptive gating (which counts them as in-flight work) is off.
  const client = createCamundaClient({ config: clientConfig });
  const starter = createCamundaClient({ config: { ...clientConfig, CAMUNDA_SDK_BACKPRESSURE_PROFILE: 'LEGACY' } });
  try {
    await client.createDeployment({ resources: [new File([zeebeDiagram], 'bench.bpmn', { type: 'application/xml' })] });
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
    const run = await drive(async (i) => {
      await starter.createProcessInstance({
        processDefinitionId: 'bench-process' as never,
        variables: { amount: i % 100 },
        awaitCompletion: true,
        requestTimeout: 120_000,
      });
    });
    return summarise('durable embedded (PostgreSQL)', run);
  } finally {
    await client.stopAllWorkers();
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
