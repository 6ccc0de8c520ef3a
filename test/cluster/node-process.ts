import { spawn, type ChildProcess } from 'node:child_process';
import { eventually } from '../support/eventually.js';

/**
 * One of the project's entry points (src/main.ts, src/jobs/run-workers.ts, src/deploy/run-deploy.ts)
 * as a process of its own, with only the environment given (plus PATH), its output kept for the
 * test to read and for a failing test to show.
 */
export class NodeProcess {
  private child: ChildProcess | undefined;
  private exit: Promise<number | null> | undefined;
  stdout = '';
  stderr = '';

  constructor(
    readonly entry: string,
    private readonly env: Record<string, string>,
  ) {}

  start(): this {
    const child = spawn(process.execPath, ['--disable-proto=throw', '--import', 'tsx', this.entry], {
      env: { PATH: process.env.PATH ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.child = child;
    return this;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the exit code (null when ended by a signal). */
  exited(): Promise<number | null> {
    if (!this.exit) throw new Error(`${this.entry} was not started`);
    return this.exit;
  }

  /** Sends a signal and waits for the process to end; SIGKILL is what a power cut does. */
  async signal(signal: NodeJS.Signals): Promise<number | null> {
    if (!this.running) return this.child?.exitCode ?? null;
    this.child?.kill(signal);
    return this.exited();
  }

  /** Polls `probe` until it answers true, failing early (with the process's output) if the process ends. */
  async until(probe: () => Promise<boolean>, what: string, within = 30_000): Promise<void> {
    const output = () => `${this.stderr}\n${this.stdout.slice(-4000)}`;
    await eventually(what, async () => !this.running || (await probe()), { within, every: 100 }).catch((error: Error) => {
      throw new Error(`${error.message}\n${output()}`);
    });
    if (!this.running)
      throw new Error(`${this.entry} exited (${this.child?.exitCode ?? this.child?.signalCode}) before ${what}\n${output()}`);
  }

  /** The JSON log lines (pino) printed so far. */
  logLines(): Array<Record<string, unknown>> {
    return this.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
