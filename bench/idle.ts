import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ChildService, freePort } from '../kit/child-service.js';
import { CpuMeter, cpuSeconds, embeddedPostgresOf, transactionsSoFar } from './process-usage.js';

/**
 * `npm run bench:idle`: the service as `npm start` runs it (embedded PostgreSQL in a fresh
 * DATA_DIR, the engine and the pathway's workers in-process), left alone for IDLE_SECONDS
 * (default 60) once it has started and SETTLE_SECONDS (default 5) have passed; prints the CPU the
 * service process and its PostgreSQL used over that time as a share of one core, and the
 * database's transactions per second. Issue 16's goal: at most 1% of a core.
 */
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 60);
const SETTLE_SECONDS = Number(process.env.SETTLE_SECONDS ?? 5);
const GOAL_SHARE = 0.01;

async function main(): Promise<void> {
  mkdirSync(resolve('.tmp'), { recursive: true });
  const dataDir = mkdtempSync(join(resolve('.tmp'), 'bench-idle-'));
  const service = new ChildService(await freePort(), {
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    CAMUNDA_REST_ADDRESS: '',
    WORKERS: 'in-process',
  });
  try {
    await service.start();
    await new Promise((r) => setTimeout(r, SETTLE_SECONDS * 1000));
    const postgres = embeddedPostgresOf(dataDir);
    const servicePid = service.pid;
    const serviceBefore = cpuSeconds(servicePid);
    const postgresMeter = new CpuMeter(postgres.postmasterPid);
    const transactionsBefore = await transactionsSoFar(postgres.superuserUrl);
    const began = performance.now();
    postgresMeter.begin();
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    const postgresUsed = postgresMeter.end();
    const seconds = (performance.now() - began) / 1000;
    const serviceShare = (cpuSeconds(servicePid) - serviceBefore) / seconds;
    // Less this benchmark's own reading at the end.
    const transactions = (await transactionsSoFar(postgres.superuserUrl)) - transactionsBefore - 1;
    const pct = (share: number) => `${(share * 100).toFixed(2)}% of a core`;
    console.log(`idle for ${seconds.toFixed(0)} s after start (workers in-process, embedded PostgreSQL)`);
    console.log(`service process   ${pct(serviceShare)}`);
    console.log(`PostgreSQL        ${pct(postgresUsed.shareOfCore)} (postmaster and backends)`);
    console.log(`database          ${(transactions / seconds).toFixed(2)} transactions/s`);
    const total = serviceShare + postgresUsed.shareOfCore;
    console.log(`together          ${pct(total)}: ${total <= GOAL_SHARE ? 'within' : 'over'} the goal of ${pct(GOAL_SHARE)}`);
  } finally {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
