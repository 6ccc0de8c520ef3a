import { expect } from 'chai';
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { loadPostgresCredentials, POSTGRES_CREDENTIALS_FILE } from '../../src/db/postgres-credentials.js';
import { ENGINE_CREDENTIALS_FILE, embeddedEngineCredentials } from '../../src/security/engine-credentials.js';
import { IDENTITY_KEY_FILE, loadIdentityKey } from '../../src/security/identity-key.js';
import { ensurePrivateDataDir } from '../../src/security/private-files.js';

const logger = pino({ level: 'silent' });

function freshDataDir(): string {
  mkdirSync(resolve('.tmp'), { recursive: true });
  return mkdtempSync(join(resolve('.tmp'), 'data-dir-'));
}

/** A file others may read or write, as a careless copy or an older version could leave it. */
function openFile(dataDir: string, name: string, content: string): string {
  const file = join(dataDir, name);
  writeFileSync(file, content);
  chmodSync(file, 0o644);
  return file;
}

/** issue 9 finding 4: DATA_DIR and the secrets in it are the service user's alone. */
describe('DATA_DIR and the secrets in it', () => {
  it('should make DATA_DIR 0700, and close one an older version left 0777', () => {
    // given
    const made = join(freshDataDir(), 'new');
    const older = freshDataDir();
    chmodSync(older, 0o777);

    // when
    ensurePrivateDataDir(made);
    ensurePrivateDataDir(older);

    // then
    expect(statSync(made).mode & 0o777).to.equal(0o700);
    expect(statSync(older).mode & 0o777).to.equal(0o700);
  });

  it('should write identity.key 0600 and refuse one others may read, saying how to fix it', () => {
    // given
    const generated = freshDataDir();
    const careless = freshDataDir();
    const file = openFile(careless, IDENTITY_KEY_FILE, `${Buffer.alloc(32, 7).toString('base64')}\n`);

    // when
    loadIdentityKey({ dataDir: generated, logger });
    const refused = (() => {
      try {
        loadIdentityKey({ dataDir: careless, logger });
        return undefined;
      } catch (error) {
        return error as Error;
      }
    })();

    // then
    expect(statSync(join(generated, IDENTITY_KEY_FILE)).mode & 0o777).to.equal(0o600);
    expect(refused?.message).to.equal(
      `${file} may be read or written by other users (mode 0644): chmod 600 ${file} (and check nobody replaced it), or set IDENTITY_KEY`,
    );
  });

  it('should refuse engine credentials others may read', () => {
    const dataDir = freshDataDir();
    const file = openFile(dataDir, ENGINE_CREDENTIALS_FILE, 'CAMUNDA_BASIC_AUTH_USERNAME=a\nCAMUNDA_BASIC_AUTH_PASSWORD=b\n');
    const config = loadConfig({ DATA_DIR: dataDir, HOST: '127.0.0.1' });
    expect(() => embeddedEngineCredentials(config, logger)).to.throw(`${file} may be read or written by other users (mode 0644)`);
  });

  it('should refuse PostgreSQL credentials others may read', () => {
    const dataDir = freshDataDir();
    const file = openFile(dataDir, POSTGRES_CREDENTIALS_FILE, '{}');
    expect(() => loadPostgresCredentials(dataDir, join(dataDir, 'postgres'))).to.throw(
      `${file} may be read or written by other users (mode 0644)`,
    );
  });
});
