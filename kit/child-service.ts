import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** src/service.ts logs this (pino, JSON lines) once the service is up. */
const STARTED = 'Sote-työpari started';
const WARN = 40;

/** How the child process ended. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The service as a separate process (`src/main.ts`), for tests that kill and restart it. It runs in
 * a process group of its own, so `interrupt` can do what Ctrl-C in a terminal does.
 */
export class ChildService {
  private child: ChildProcess | undefined;
  readonly url: string;

  constructor(
    private readonly port: number,
    private readonly env: Record<string, string>,
    /** Modules the child loads before the service (`node --import`), as benchmarks instrument it. */
    private readonly imports: string[] = [],
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** The running service's process id. */
  get pid(): number {
    if (this.child?.pid === undefined) throw new Error('the service is not running');
    return this.child.pid;
  }

  /** Starts the service and answers once it has logged that it started (listening, diagrams deployed). */
  async start(): Promise<void> {
    const imports = this.imports.flatMap((module) => ['--import', module]);
    const child = spawn(process.execPath, ['--disable-proto=throw', '--import', 'tsx', ...imports, 'src/main.ts'], {
      env: {
        ...process.env,
        ...this.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        CAMUNDA_AUTH_STRATEGY: this.env.CAMUNDA_AUTH_STRATEGY ?? 'NONE',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    this.child = child;
    const started = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('service did not start within 60 s')), 60_000);
      child.once('exit', (code, signal) => reject(new Error(`service exited (${code ?? signal}) before it started`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        const entry = parseLogLine(line);
        // Warnings and errors are the test's business; info lines are not.
        if (!entry || entry.level >= WARN) process.stderr.write(`${line}\n`);
        if (entry?.msg === STARTED) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await started;
  }

  /** SIGKILL: no shutdown hooks, no flushing — what a power cut does. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM, as a process manager stops a service; answers how it exited. */
  stop(): Promise<ChildExit> {
    return this.signal((child) => child.kill('SIGTERM'));
  }

  /** SIGINT to the whole process group, PostgreSQL's server included: Ctrl-C in a terminal. */
  interrupt(): Promise<ChildExit> {
    return this.signal((child) => process.kill(-child.pid!, 'SIGINT'));
  }

  private async signal(send: (child: ChildProcess) => void): Promise<ChildExit> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null)
      return { code: child?.exitCode ?? null, signal: child?.signalCode ?? null };
    const exited = new Promise<ChildExit>((r) => child.once('exit', (code, signal) => r({ code, signal })));
    send(child);
    return exited;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function parseLogLine(line: string): { level: number; msg?: string } | undefined {
  try {
    const entry = JSON.parse(line) as { level?: unknown; msg?: unknown };
    return typeof entry.level === 'number' ? { level: entry.level, msg: typeof entry.msg === 'string' ? entry.msg : undefined } : undefined;
  } catch {
    return undefined;
  }
}
