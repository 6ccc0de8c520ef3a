import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SHUTDOWN_WAIT_MS = 30_000;

/**
 * A service killed with SIGKILL cannot stop its embedded PostgreSQL, which keeps running and holds
 * the data folder, so the next start would fail on PostgreSQL's lock file. Such a server (its
 * parent gone, it now belongs to init) is shut down here before a new one starts; one whose parent
 * still runs belongs to another service on the same data folder, which is an error to report.
 */
export async function stopOrphanedPostgres(dataDir: string): Promise<void> {
  const lockFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return;
  const [pidLine, dirLine] = readFileSync(lockFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  // A lock file naming a process that is gone, or another cluster, PostgreSQL itself treats as stale.
  if (!Number.isInteger(pid) || pid <= 0 || dirLine?.trim() !== dataDir || !isRunning(pid)) return;
  const parent = parentOf(pid);
  if (parent !== 1) {
    throw new Error(
      `PostgreSQL (pid ${pid}) already runs on ${dataDir} for process ${parent ?? 'unknown'}: is another service using this DATA_DIR?`,
    );
  }
  // SIGINT is PostgreSQL's fast shutdown: open transactions roll back, committed ones are on disk.
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + SHUTDOWN_WAIT_MS;
  while (isRunning(pid)) {
    if (Date.now() > deadline)
      throw new Error(`PostgreSQL (pid ${pid}) left running on ${dataDir} did not stop within ${SHUTDOWN_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The parent process id from /proc (Linux); undefined where there is no /proc to ask. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself contain spaces.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}
