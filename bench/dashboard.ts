import express from 'express';
import knexFactory from 'knex';
import { mkdtempSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { camundaClientFor } from '../kit/camunda-client.js';
import { seedScaleData } from '../kit/scale-seed.js';
import { createApiRouter } from '../src/api/router.js';
import { SESSION_COOKIE } from '../src/auth/session-cookie.js';
import { createSession } from '../src/auth/session-store.js';
import { grantAppDatabase } from '../src/db/cluster-roles.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { createIdentityCipher } from '../src/security/identity-cipher.js';
import { migrateAppDatabase } from '../src/store/migrate.js';

/**
 * `npm run bench:dashboard [-- --cases N --rounds R]`: a scratch embedded PostgreSQL, N generated
 * cases (kit/scale-seed.ts), the app's API without an engine, and p50/p95 of every dashboard GET
 * per reader (administrator, Turku's manager, a team lead). The diagram asks the engine and is left out.
 */
const ENDPOINTS = ['options', 'active-cases', 'stage-durations', 'group-queues', 'caseloads', 'deadline-breaches', 'stalled-intakes'];
const READERS = {
  admin: 'u-paakayttaja',
  'manager turun-seutu': 'u-turun-seutu-johtaja',
  'lead turku-keskusta': 'u-turku-keskusta-esihenkilo',
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '30' } } });
  const cases = Number(values.cases);
  const rounds = Number(values.rounds);
  const root = resolve('.tmp');
  mkdirSync(root, { recursive: true });
  const server = await startEmbeddedPostgres({ dataDir: mkdtempSync(join(root, 'bench-pg-')), persistent: false });
  try {
    const url = await createBenchDatabase(server.superuserUrl, server.url, server.appRole);
    const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 10 } });
    await migrateAppDatabase(knex);
    const seeding = performance.now();
    await seedScaleData(knex, { cases, onBatch: (done) => process.stderr.write(`\rseeded ${done} cases`) });
    process.stderr.write(` in ${((performance.now() - seeding) / 1000).toFixed(0)} s\n`);
    const app = express();
    app.use(
      '/api',
      createApiRouter({
        knex,
        camunda: camundaClientFor('http://127.0.0.1:9'),
        logger: pino({ level: 'silent' }),
        identityCipher: createIdentityCipher(Buffer.alloc(32, 7)),
      }),
    );
    const listening = await new Promise<Server>((done) => {
      const s = app.listen(0, '127.0.0.1', () => done(s));
    });
    const base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/api/dashboard/`;
    console.log(`cases: ${cases}, rounds: ${rounds} per endpoint and reader`);
    console.log(`${'endpoint'.padEnd(20)} ${'reader'.padEnd(22)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`);
    for (const [reader, userId] of Object.entries(READERS)) {
      const { token } = await createSession(knex, userId);
      const cookie = `${SESSION_COOKIE}=${encodeURIComponent(token)}`;
      for (const endpoint of ENDPOINTS) {
        const times = await timeGets(`${base}${endpoint}`, cookie, rounds);
        console.log(`${endpoint.padEnd(20)} ${reader.padEnd(22)} ${at(times, 0.5).padStart(8)} ${at(times, 0.95).padStart(8)}`);
      }
    }
    await new Promise((done) => listening.close(done));
    await knex.destroy();
  } finally {
    await server.stop();
  }
}

async function timeGets(url: string, cookie: string, rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds + 2; i++) {
    const began = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    // The first two warm the plan cache and the buffers.
    if (i >= 2) times.push(performance.now() - began);
  }
  return times.sort((a, b) => a - b);
}

function at(sorted: number[], q: number): string {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
}

async function createBenchDatabase(superuserUrl: string, appUrl: string, appRole: string): Promise<string> {
  const name = 'dashboard_bench';
  const connect = async (database: string) => {
    const u = new URL(superuserUrl);
    u.pathname = `/${database}`;
    const client = new pg.Client(u.toString());
    await client.connect();
    return client;
  };
  const admin = await connect('postgres');
  await admin.query(`CREATE DATABASE "${name}"`).finally(() => admin.end());
  const owner = await connect(name);
  await grantAppDatabase(owner, name, appRole).finally(() => owner.end());
  const url = new URL(appUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

await main();
