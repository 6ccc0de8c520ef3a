import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { IdentityCipherError } from './identity-cipher.js';
import { assertPrivateFile } from './private-files.js';

/** The file the embedded default keeps its generated key in, inside DATA_DIR. */
export const IDENTITY_KEY_FILE = 'identity.key';

/**
 * The identity encryption key: IDENTITY_KEY (base64 of 32 bytes) when set, as production must.
 * Without it, the embedded default generates one and keeps it in DATA_DIR beside the database,
 * with a warning: a key stored next to the data it protects guards a copied database dump, not
 * a copied disk.
 */
export function loadIdentityKey(options: { identityKey?: string; dataDir: string; logger: Logger }): Buffer {
  if (options.identityKey) return decodeKey(options.identityKey, 'IDENTITY_KEY');
  const file = join(options.dataDir, IDENTITY_KEY_FILE);
  if (existsSync(file)) {
    // A key others could write would seal the next identities with their key; one they could read opens them all.
    assertPrivateFile(file, `chmod 600 ${file} (and check nobody replaced it), or set IDENTITY_KEY`);
    options.logger.warn({ file }, 'IDENTITY_KEY is not set: using the key kept in DATA_DIR; set IDENTITY_KEY in production');
    return decodeKey(readFileSync(file, 'utf8').trim(), file);
  }
  const key = randomBytes(32);
  mkdirSync(options.dataDir, { recursive: true });
  // 'wx' fails rather than overwrite a key another process has just written.
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  options.logger.warn(
    { file },
    'IDENTITY_KEY is not set: generated an identity key and kept it in DATA_DIR; set IDENTITY_KEY in production',
  );
  return key;
}

function decodeKey(base64: string, source: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32 || key.toString('base64') !== base64) {
    throw new IdentityCipherError(`${source}: must be the base64 encoding of 32 random bytes (openssl rand -base64 32)`);
  }
  return key;
}
