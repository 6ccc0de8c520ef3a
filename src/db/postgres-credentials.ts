import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { assertPrivateFile } from '../security/private-files.js';

/** The file in DATA_DIR naming the embedded cluster's folder and the passwords of its two roles. */
export const POSTGRES_CREDENTIALS_FILE = 'postgres-credentials.json';

/** The embedded cluster's superuser, kept for setting the cluster up and for an operator's psql. */
export const SUPERUSER = 'postgres';
/** The role the app and the engine connect as: no superuser, owner of the tables it migrates. */
export const APP_ROLE = 'sote_app';
export const DATABASE = 'sote';

const Credentials = z.strictObject({
  /** Relative to DATA_DIR when inside it, so that a moved DATA_DIR keeps its cluster. */
  clusterDir: z.string().min(1),
  superuser: z.strictObject({ user: z.literal(SUPERUSER), password: z.string().min(16) }),
  app: z.strictObject({ user: z.literal(APP_ROLE), password: z.string().min(16) }),
});
export type PostgresCredentials = z.infer<typeof Credentials>;

/**
 * The embedded cluster's passwords, random per cluster and kept in DATA_DIR (0600) from its first
 * start on; a cluster from before this file existed gets one at its next start (its superuser's
 * old password is then changed, see cluster-roles.ts). The cluster's folder is noted in the file
 * too, for the operator: as root it lives outside DATA_DIR (embedded-postgres.ts).
 */
export function loadPostgresCredentials(dataDir: string, clusterDir: string): PostgresCredentials {
  const file = join(dataDir, POSTGRES_CREDENTIALS_FILE);
  if (existsSync(file)) {
    assertPrivateFile(file, `chmod 600 ${file}`);
    const parsed = Credentials.safeParse(parseJson(file));
    if (!parsed.success)
      throw new Error(`${file} is not the embedded PostgreSQL's credentials file: ${parsed.error.issues[0]?.message ?? 'unreadable'}`);
    return { ...parsed.data, clusterDir: resolve(dataDir, parsed.data.clusterDir) };
  }
  const credentials: PostgresCredentials = {
    clusterDir,
    superuser: { user: SUPERUSER, password: randomPassword() },
    app: { user: APP_ROLE, password: randomPassword() },
  };
  // 'wx' fails rather than overwrite passwords another process has just written.
  writeFileSync(file, serialise(dataDir, credentials), { mode: 0o600, flag: 'wx' });
  return credentials;
}

/** Notes where the cluster now is (as root it moved out of DATA_DIR); written whole, then renamed over the old file. */
export function rewriteClusterDir(dataDir: string, credentials: PostgresCredentials, clusterDir: string): void {
  const file = join(dataDir, POSTGRES_CREDENTIALS_FILE);
  writeFileSync(`${file}.new`, serialise(dataDir, { ...credentials, clusterDir }), { mode: 0o600 });
  renameSync(`${file}.new`, file);
}

function serialise(dataDir: string, credentials: PostgresCredentials): string {
  const inside = relative(dataDir, credentials.clusterDir);
  const clusterDir = inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : credentials.clusterDir;
  return `${JSON.stringify({ ...credentials, clusterDir }, null, 2)}\n`;
}

export function databaseUrl(user: { user: string; password: string }, port: number, database = DATABASE): string {
  return `postgres://${user.user}:${encodeURIComponent(user.password)}@127.0.0.1:${port}/${database}`;
}

function randomPassword(): string {
  return randomBytes(24).toString('base64url');
}

function parseJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
