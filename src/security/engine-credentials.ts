import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { isLoopbackHost } from './loopback-host.js';
import { assertPrivateFile } from './private-files.js';

/** The one user the embedded engine's /v2 accepts, as CAMUNDA_BASIC_AUTH_USERNAME / _PASSWORD name it. */
export interface EngineCredentials {
  username: string;
  password: string;
}

/** The file in DATA_DIR holding the generated /v2 credentials, as CAMUNDA_* lines a shell or Modeler can take. */
export const ENGINE_CREDENTIALS_FILE = 'engine-credentials.env';

const GENERATED_USERNAME = 'sote-tyopari';

/**
 * Who may call the embedded engine's /v2. Basic auth unless the operator says otherwise: with
 * CAMUNDA_AUTH_STRATEGY=BASIC the configured user; with nothing configured a user generated at
 * first start into DATA_DIR (0600) and reused after; NONE only as an explicit choice and only on
 * a loopback HOST, since an open /v2 hands every client's notes and every decision to whoever
 * reaches the port. A cluster (CAMUNDA_REST_ADDRESS) guards its own /v2: nothing to answer here.
 */
export function embeddedEngineCredentials(config: Config, logger: Logger): EngineCredentials | undefined {
  if (config.CAMUNDA_REST_ADDRESS) return undefined;
  switch (config.CAMUNDA_AUTH_STRATEGY) {
    case 'NONE':
      if (!isLoopbackHost(config.HOST)) {
        throw new Error(
          `Invalid configuration — CAMUNDA_AUTH_STRATEGY=NONE would open the engine API to anyone who reaches HOST=${config.HOST}; it is allowed only on a loopback HOST (127.0.0.1, ::1, localhost)`,
        );
      }
      logger.warn({ host: config.HOST }, 'CAMUNDA_AUTH_STRATEGY=NONE: /v2 answers without credentials on this loopback address');
      return undefined;
    case 'BASIC':
      return configuredCredentials(config);
    case 'OAUTH':
      throw new Error(
        'Invalid configuration — CAMUNDA_AUTH_STRATEGY=OAUTH: the embedded engine offers BASIC (the default) or NONE on loopback; OAUTH is for a cluster (CAMUNDA_REST_ADDRESS)',
      );
    case undefined:
      return generatedCredentials(config.DATA_DIR, logger);
  }
}

function configuredCredentials(config: Config): EngineCredentials {
  const { CAMUNDA_BASIC_AUTH_USERNAME: username, CAMUNDA_BASIC_AUTH_PASSWORD: password } = config;
  if (!username || !password)
    throw new Error(
      'Invalid configuration — CAMUNDA_BASIC_AUTH_USERNAME and CAMUNDA_BASIC_AUTH_PASSWORD: required with CAMUNDA_AUTH_STRATEGY=BASIC',
    );
  return { username, password };
}

function generatedCredentials(dataDir: string, logger: Logger): EngineCredentials {
  const file = resolve(join(dataDir, ENGINE_CREDENTIALS_FILE));
  if (existsSync(file)) {
    assertPrivateFile(file, `chmod 600 ${file}, or delete it to have new credentials generated`);
    return parseCredentialsFile(file);
  }
  const credentials = { username: GENERATED_USERNAME, password: randomBytes(24).toString('base64url') };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // 'wx' fails rather than overwrite credentials another process has just written.
  writeFileSync(
    file,
    `CAMUNDA_AUTH_STRATEGY=BASIC\nCAMUNDA_BASIC_AUTH_USERNAME=${credentials.username}\nCAMUNDA_BASIC_AUTH_PASSWORD=${credentials.password}\n`,
    { mode: 0o600, flag: 'wx' },
  );
  logger.info({ file }, 'generated the engine API (/v2) credentials; clients and Modeler use them (set -a; . <file>; set +a)');
  return credentials;
}

export function parseCredentialsFile(file: string): EngineCredentials {
  const values = new Map(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );
  const username = values.get('CAMUNDA_BASIC_AUTH_USERNAME');
  const password = values.get('CAMUNDA_BASIC_AUTH_PASSWORD');
  if (!username || !password)
    throw new Error(
      `${file}: needs CAMUNDA_BASIC_AUTH_USERNAME and CAMUNDA_BASIC_AUTH_PASSWORD lines; delete it to have new credentials generated`,
    );
  return { username, password };
}
