import { expect } from 'chai';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync, chownSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { DEFAULT_ROOT_HOME, postgresOsUser, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres.js';
import { binariesIn, installReachableBinaries, packagedBinaryDir } from '../../src/db/postgres-binaries.js';
import { runToCompletion, startServer } from '../../src/db/postgres-process.js';
import { freePort } from '../../kit/child-service.js';

/**
 * A cluster as versions before this one left it: superuser postgres/postgres (password auth),
 * the database and every table the superuser's, the cluster in DATA_DIR/postgres and DATA_DIR 0777.
 */
async function makeOlderCluster(dataDir: string): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? postgresOsUser() : undefined;
  const binaries = asRoot ? installReachableBinaries(packagedBinaryDir(), DEFAULT_ROOT_HOME) : binariesIn(packagedBinaryDir());
  const clusterDir = join(dataDir, 'postgres');
  chmodSync(dataDir, 0o777);
  mkdirSync(clusterDir, { mode: 0o700 });
  const passwordFile = join(dataDir, 'old-password');
  writeFileSync(passwordFile, 'postgres\n', { mode: 0o644 });
  if (user) {
    chownSync(clusterDir, user.uid, user.gid);
    chownSync(passwordFile, user.uid, user.gid);
  }
  await runToCompletion(
    binaries.initdb,
    [`--pgdata=${clusterDir}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'],
    user,
    () => undefined,
  );
  rmSync(passwordFile);
  const port = await freePort();
  const server = await startServer(binaries, clusterDir, port, user, () => undefined);
  try {
    await runAs({ port, password: 'postgres', database: 'postgres' }, 'CREATE DATABASE sote');
    await runAs(
      { port, password: 'postgres', database: 'sote' },
      'CREATE SCHEMA engine; CREATE TABLE engine.jobs (key bigint PRIMARY KEY); CREATE TABLE public.cases (case_id uuid PRIMARY KEY)',
    );
  } finally {
    await server.stop();
  }
}

async function runAs(options: { port: number; password: string; database: string; user?: string }, sql: string): Promise<unknown> {
  const client = new pg.Client({ host: '127.0.0.1', user: options.user ?? 'postgres', ...options });
  try {
    await client.connect();
    return (await client.query(sql)).rows;
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('an embedded cluster made by an older version', function () {
  this.timeout(120_000);
  let dataDir = '';
  let database: EmbeddedDatabase;

  before(async () => {
    mkdirSync(resolve('.tmp'), { recursive: true });
    // As root, an older version's server (the postgres user) could only ever run where that user
    // reaches, so the old cluster is made outside the checkout, which may be a 0700 folder.
    dataDir = mkdtempSync(join(process.getuid?.() === 0 ? tmpdir() : resolve('.tmp'), 'older-cluster-'));
    await makeOlderCluster(dataDir);
    database = await startEmbeddedPostgres({ dataDir, persistent: false });
  });

  after(async () => {
    await database?.stop();
  });

  it('should refuse postgres/postgres after the start, and take the password kept in DATA_DIR', async () => {
    const port = Number(new URL(database.url).port);
    const superuser = new URL(database.superuserUrl);
    expect(await runAs({ port, password: 'postgres', database: 'sote' }, 'SELECT 1')).to.have.property('code', '28P01');
    expect(await runAs({ port, password: decodeURIComponent(superuser.password), database: 'sote' }, 'SELECT 1 AS one')).to.deep.equal([
      { one: 1 },
    ]);
  });

  it('should hand the tables the superuser made to the app role, which runs as no superuser', async () => {
    // given
    const app = new URL(database.url);

    // when
    const owners = await runAs(
      { port: Number(app.port), user: app.username, password: decodeURIComponent(app.password), database: 'sote' },
      "SELECT c.relname AS name, pg_get_userbyid(c.relowner) AS owner FROM pg_class c WHERE c.relname IN ('jobs', 'cases') ORDER BY 1",
    );

    // then
    expect(owners).to.deep.equal([
      { name: 'cases', owner: 'sote_app' },
      { name: 'jobs', owner: 'sote_app' },
    ]);
  });

  it('should close DATA_DIR to others, and as root keep the cluster where the postgres user reaches it without entering DATA_DIR', () => {
    expect(statSync(dataDir).mode & 0o777).to.equal(0o700);
    if (process.getuid?.() === 0) {
      expect(database.clusterDir.startsWith(join(DEFAULT_ROOT_HOME, 'clusters'))).to.equal(true);
      expect(existsSync(join(dataDir, 'postgres'))).to.equal(false);
    } else {
      expect(database.clusterDir).to.equal(join(dataDir, 'postgres'));
    }
  });
});
