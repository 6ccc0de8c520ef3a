import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { POSTGRES_CREDENTIALS_FILE } from '../../src/db/postgres-credentials.js';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { freePort } from '../../kit/child-service.js';

/** issue 9 finding 4: a start of PostgreSQL that fails is one line naming the cause, never a stack trace. */
describe('a start of the embedded PostgreSQL that fails', function () {
  this.timeout(60_000);
  let blocker: Server | undefined;

  after(() => blocker?.close());

  it('should say why in one line', async () => {
    // given: the port taken by another program
    blocker = createServer();
    const port = await new Promise<number>((resolvePort) =>
      blocker!.listen(0, '127.0.0.1', () => resolvePort((blocker!.address() as { port: number }).port)),
    );
    mkdirSync(resolve('.tmp'), { recursive: true });
    const dataDir = mkdtempSync(join(resolve('.tmp'), 'pg-fails-'));

    // when
    const failure = await startEmbeddedPostgres({ dataDir, port, persistent: false }).then(
      (started) => started.stop().then(() => undefined),
      (error: Error) => error,
    );

    // then
    expect(failure).to.be.instanceOf(Error);
    expect(failure!.message).to.not.include('\n');
    expect(failure!.message).to.match(
      new RegExp(
        `^PostgreSQL did not start for DATA_DIR ${dataDir}: could not create any TCP/IP sockets \\(could not bind IPv4 address "127.0.0.1": Address already in use`,
      ),
    );
    const { clusterDir } = JSON.parse(readFileSync(join(dataDir, POSTGRES_CREDENTIALS_FILE), 'utf8')) as { clusterDir: string };
    rmSync(resolve(dataDir, clusterDir), { recursive: true, force: true });
  });
});

describe('npm start when the embedded PostgreSQL cannot start', function () {
  this.timeout(90_000);

  it('should print one line naming the cause and exit 1, no stack trace', async () => {
    // given: PostgreSQL credentials others may read
    mkdirSync(resolve('.tmp'), { recursive: true });
    const dataDir = mkdtempSync(join(resolve('.tmp'), 'npm-start-pg-'));
    const file = join(dataDir, POSTGRES_CREDENTIALS_FILE);
    writeFileSync(file, '{}');
    chmodSync(file, 0o644);
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      WORKERS: 'off',
    };

    // when
    const result = await new Promise<{ code: number | null; stderr: string }>((resolveRun) => {
      const child = execFile(
        'node',
        ['--disable-proto=throw', '--import', 'tsx', 'src/main.ts'],
        { env, timeout: 60_000 },
        (error, _stdout, stderr) => resolveRun({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr }),
      );
      child.stdin?.end();
    });

    // then
    expect(result.code, result.stderr).to.equal(1);
    expect(result.stderr).to.equal(
      `PostgreSQL did not start for DATA_DIR ${dataDir}: ${file} may be read or written by other users (mode 0644): chmod 600 ${file}\n`,
    );
  });
});
