import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { databaseUrl, loadPostgresCredentials } from '../src/db/postgres-credentials.js';

/** Clock ticks per second of /proc's utime and stime. */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** /proc/<pid>/stat's fields after the command name (which is in parentheses and may hold spaces); undefined once the process is gone. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
  return fields ? (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND : 0;
}

/** A process and its children (PostgreSQL's postmaster and its backends, say). */
function withChildren(pid: number): number[] {
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((child) => Number(statFields(child)?.[1]) === pid);
  return [pid, ...children];
}

/** CPU used by a process and its children between two readings; a child that ends between them is not counted. */
export class CpuMeter {
  private start = new Map<number, number>();
  private startedAt = 0;

  constructor(private readonly pid: number) {}

  begin(): void {
    this.startedAt = performance.now();
    this.start = new Map(withChildren(this.pid).map((p) => [p, cpuSeconds(p)]));
  }

  /** CPU seconds since begin(), and the share of one core that is over the wall time. */
  end(): { cpuSeconds: number; shareOfCore: number } {
    const wall = (performance.now() - this.startedAt) / 1000;
    let used = 0;
    for (const p of withChildren(this.pid)) used += cpuSeconds(p) - (this.start.get(p) ?? 0);
    return { cpuSeconds: used, shareOfCore: used / wall };
  }
}

/** The embedded PostgreSQL of a service's DATA_DIR: its postmaster's pid and a superuser connection. */
export function embeddedPostgresOf(dataDir: string): { postmasterPid: number; superuserUrl: string } {
  const credentials = loadPostgresCredentials(dataDir, join(dataDir, 'postgres'));
  const [pid, , , port] = readFileSync(join(credentials.clusterDir, 'postmaster.pid'), 'utf8').split('\n');
  return { postmasterPid: Number(pid), superuserUrl: databaseUrl(credentials.superuser, Number(port)) };
}

/** Transactions the service's database has committed or rolled back so far (every statement outside BEGIN … COMMIT is one). */
export async function transactionsSoFar(superuserUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const result = await client.query('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()');
    return Number(result.rows[0].n);
  } finally {
    await client.end();
  }
}

/** The most memory a process has held resident so far (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  return kb / 1024;
}
