import { expect } from 'chai';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { POSTGRES_CREDENTIALS_FILE } from '../../src/db/postgres-credentials.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres.js';
import { packagedBinaryDir } from '../../src/db/postgres-binaries.js';

/**
 * As root, a checkout in a 0700 folder (/root, `mktemp -d`) could not start: PostgreSQL runs as
 * the postgres user, who cannot reach node_modules nor DATA_DIR (issue 9 finding 4). Here the
 * programs and DATA_DIR are both inside such a folder; the lead's fresh-clone check does the rest.
 */
describe('the embedded PostgreSQL as root from a checkout in a 0700 folder', function () {
  this.timeout(180_000);
  let privateDir = '';
  let rootHome = '';
  let database: EmbeddedDatabase | undefined;

  before(function () {
    if (process.getuid?.() !== 0) this.skip();
    privateDir = mkdtempSync(join(tmpdir(), 'sote-checkout-'));
    rootHome = mkdtempSync('/var/lib/sote-tyopari-test-');
    cpSync(packagedBinaryDir(), join(privateDir, 'node_modules', 'native'), { recursive: true, verbatimSymlinks: true });
  });

  after(async () => {
    await database?.stop();
    if (privateDir) rmSync(privateDir, { recursive: true, force: true });
    if (rootHome) rmSync(rootHome, { recursive: true, force: true });
  });

  it('should start, serve the app role, and leave the checkout and DATA_DIR closed', async () => {
    // given
    const dataDir = join(privateDir, 'checkout', 'data');
    mkdirSync(dataDir, { recursive: true });

    // when
    database = await startEmbeddedPostgres({ dataDir, persistent: false, binaryDir: join(privateDir, 'node_modules', 'native'), rootHome });
    const client = new pg.Client(database.url);
    await client.connect();
    const { rows } = await client.query<{ user: string }>('SELECT current_user AS user');
    await client.end();

    // then
    expect(rows).to.deep.equal([{ user: 'sote_app' }]);
    expect(statSync(privateDir).mode & 0o777).to.equal(0o700);
    expect(statSync(dataDir).mode & 0o777).to.equal(0o700);
    const postmaster = Number(readFileSync(join(database.clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(readlinkSync(`/proc/${postmaster}/exe`).startsWith(`${rootHome}/postgres-`)).to.equal(true);
    expect(database.clusterDir.startsWith(`${rootHome}/clusters/`)).to.equal(true);
    expect(JSON.parse(readFileSync(join(dataDir, POSTGRES_CREDENTIALS_FILE), 'utf8')).clusterDir).to.equal(database.clusterDir);
  });
});
