import { spawn, type ChildProcess } from 'node:child_process';
import type { PostgresBinaries } from './postgres-binaries.js';

/** The OS user PostgreSQL runs as when the service runs as root (PostgreSQL refuses root). */
export interface OsUser {
  uid: number;
  gid: number;
}

/**
 * What the PostgreSQL programs get for an environment: nothing of the service's. The service's
 * environment carries IDENTITY_KEY, the /v2 password and whatever else the operator set, and
 * every process of the server (and any program it runs) would otherwise inherit it. The C locale
 * keeps the server's messages in English, which is how its readiness is read.
 */
export function serverEnvironment(): NodeJS.ProcessEnv {
  return { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C', LC_ALL: 'C', ...(process.env.TZ ? { TZ: process.env.TZ } : {}) };
}

/** Runs initdb (or another program of the server that exits) and resolves when it succeeded. */
export function runToCompletion(program: string, args: string[], user: OsUser | undefined, onLog: (line: string) => void): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(program, args, { ...user, env: serverEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output.push(text);
      onLog(text);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (error) => reject(new Error(`${program} could not be run: ${error.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${program} failed (${signal ?? `exit code ${code}`}): ${lastMessage(output.join(''))}`));
    });
  });
}

/** A running postmaster, and how to stop it. */
export interface ServerProcess {
  pid: number;
  hasExited(): boolean;
  stop(): Promise<void>;
}

/**
 * Starts the postmaster on 127.0.0.1 only, without Unix sockets (a socket in /tmp is open to
 * every local user, and TCP with a password is all the service needs), and resolves once it
 * accepts connections. A server still running when the service's process exits is asked to stop
 * (fast shutdown); one left by a killed service is stopped at the next start (orphaned-postgres.ts).
 */
export function startServer(
  binaries: PostgresBinaries,
  clusterDir: string,
  port: number,
  user: OsUser | undefined,
  onLog: (line: string) => void,
): Promise<ServerProcess> {
  const args = [
    '-D',
    clusterDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
    '-c',
    'shared_buffers=128MB',
  ];
  const child = spawn(binaries.postgres, args, { ...user, env: serverEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
  const stopAtExit = () => child.kill('SIGINT');
  process.on('exit', stopAtExit);
  const exited = new Promise<void>((resolveExit) => child.once('close', () => resolveExit()));
  void exited.then(() => process.off('exit', stopAtExit));
  const output: string[] = [];
  return new Promise((resolvePromise, reject) => {
    child.stdout.on('data', (chunk: Buffer) => onLog(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output.push(text);
      onLog(text);
      if (output.join('').includes('database system is ready to accept connections')) resolvePromise(serverProcess(child, exited));
    });
    child.once('error', (error) => reject(new Error(`${binaries.postgres} could not be run: ${error.message}`)));
    void exited.then(() =>
      reject(new Error(lastMessage(output.join('')) || `postgres exited (${child.signalCode ?? `exit code ${child.exitCode}`})`)),
    );
  });
}

function serverProcess(child: ChildProcess, exited: Promise<void>): ServerProcess {
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    pid: child.pid!,
    hasExited,
    async stop() {
      // Ctrl-C in a terminal signals the whole process group, PostgreSQL included: it may be gone already.
      if (hasExited()) return;
      child.kill('SIGINT');
      await exited;
    },
  };
}

/**
 * The server's own words on why it stopped, as one line: its last FATAL or ERROR (or its last
 * line), with the "could not …" it logged a line or two before, which names the cause (a port in use).
 */
function lastMessage(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const at = lines.map((line) => /\b(FATAL|ERROR|PANIC):/.test(line)).lastIndexOf(true);
  const reason = (lines[at] ?? lines.at(-1) ?? '').replace(/^.*?\b(FATAL|ERROR|PANIC):\s*/, '');
  const cause = lines
    .slice(Math.max(0, at - 3), Math.max(0, at))
    .map((line) => /\bLOG:\s*(could not .*)$/.exec(line)?.[1])
    .filter(Boolean)
    .pop();
  return cause ? `${reason} (${cause})` : reason;
}
