import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

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
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`service exited (${this.child.exitCode ?? this.child.signalCode})`);
      try {
        const response = await fetch(`${this.url}/v2/topology`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('service did not start within 60 s');
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
    if (!child || child.exitCode !== null || child.signalCode !== null) return { code: child?.exitCode ?? null, signal: child?.signalCode ?? null };
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
