import { chmodSync, mkdirSync, statSync } from 'node:fs';

/**
 * DATA_DIR holds the identity key and the credentials of /v2 and of PostgreSQL: nobody but the
 * service user may list, read or write it. Created 0700; an existing one that others may enter or
 * write (versions before made it 0777 for the embedded PostgreSQL) is closed to them, when it is
 * the service user's to close; one that belongs to someone else is refused.
 */
export function ensurePrivateDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const stat = statSync(dataDir);
  if ((stat.mode & 0o077) === 0) return;
  if (process.getuid && stat.uid !== process.getuid()) {
    throw new Error(
      `DATA_DIR ${dataDir} belongs to another user (uid ${stat.uid}) and others may enter it (mode ${octal(stat.mode)}): give it to the service user with mode 0700`,
    );
  }
  chmodSync(dataDir, 0o700);
}

/**
 * A secret the service keeps in a file is refused when group or others may read or write it:
 * whoever could read it has the secret, and whoever could write it could put their own in place
 * (a key they know, a password they chose).
 */
export function assertPrivateFile(file: string, fix: string): void {
  const mode = statSync(file).mode;
  if ((mode & 0o077) !== 0) throw new Error(`${file} may be read or written by other users (mode ${octal(mode)}): ${fix}`);
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}
