import knexFactory, { type Knex } from 'knex';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { grantAppDatabase } from '../../src/db/cluster-roles.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres.js';

/**
 * One real PostgreSQL server for the whole test run (started by mocha's global setup), and a fresh
 * database per suite on it, so suites cannot see each other's rows. The suites connect as the
 * embedded cluster's app role, with the rights the service's own database gives it, so a test
 * that needs more than the service has fails here as it would in production; the superuser only
 * creates the databases.
 */
let server: EmbeddedDatabase | undefined;
let counter = 0;

export async function startTestPostgres(): Promise<void> {
  const root = resolve('.tmp');
  mkdirSync(root, { recursive: true });
  server = await startEmbeddedPostgres({ dataDir: mkdtempSync(join(root, 'test-pg-')), persistent: false });
  process.env.TEST_POSTGRES_SUPERUSER_URL = server.superuserUrl;
  process.env.TEST_POSTGRES_URL = server.url;
  process.env.TEST_POSTGRES_APP_ROLE = server.appRole;
}

export async function stopTestPostgres(): Promise<void> {
  await server?.stop();
}

/** Creates an empty database the app role may use as the service's own, and returns the app role's URL of it. */
export async function createTestDatabase(label = 'suite'): Promise<string> {
  const { TEST_POSTGRES_SUPERUSER_URL: superuserUrl, TEST_POSTGRES_URL: appUrl, TEST_POSTGRES_APP_ROLE: appRole } = process.env;
  if (!superuserUrl || !appUrl || !appRole)
    throw new Error('TEST_POSTGRES_URL is not set: run the tests through mocha (test/support/global.ts)');
  const name = `${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${++counter}`;
  await asSuperuser(superuserUrl, 'postgres', (admin) => admin.query(`CREATE DATABASE "${name}"`));
  await asSuperuser(superuserUrl, name, (admin) => grantAppDatabase(admin, name, appRole));
  const url = new URL(appUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A knex pool on a fresh, empty database. */
export async function createTestKnex(label?: string): Promise<Knex> {
  return createTestKnexOn(await createTestDatabase(label));
}

/** A knex pool on a database of createTestDatabase. */
export function createTestKnexOn(databaseUrl: string): Knex {
  return knexFactory({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 5 } });
}

async function asSuperuser<T>(superuserUrl: string, database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(superuserUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client(url.toString());
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
