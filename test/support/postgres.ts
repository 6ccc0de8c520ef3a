import knexFactory, { type Knex } from 'knex';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres.js';

/**
 * One real PostgreSQL server for the whole test run (started by mocha's global setup), and a fresh
 * database per suite on it, so suites cannot see each other's rows.
 */
let server: EmbeddedDatabase | undefined;
let counter = 0;

export async function startTestPostgres(): Promise<void> {
  const root = resolve('.tmp');
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(join(root, 'test-pg-'));
  server = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), persistent: false });
  process.env.TEST_POSTGRES_URL = server.url;
}

export async function stopTestPostgres(): Promise<void> {
  await server?.stop();
}

/** Creates an empty database and returns its connection URL. */
export async function createTestDatabase(label = 'suite'): Promise<string> {
  const base = process.env.TEST_POSTGRES_URL;
  if (!base) throw new Error('TEST_POSTGRES_URL is not set: run the tests through mocha (test/support/global.ts)');
  const name = `${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${++counter}`;
  const admin = new pg.Client(base);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A knex pool on a fresh, empty database. */
export async function createTestKnex(label?: string): Promise<Knex> {
  return knexFactory({ client: 'pg', connection: await createTestDatabase(label), pool: { min: 0, max: 5 } });
}
