import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENGINE_CREDENTIALS_FILE, parseCredentialsFile } from './engine-credentials.js';

/**
 * The client settings a script (`npm run deploy`, `npm run seed:demo`) needs to reach the engine of
 * an `npm start` on this machine: when the environment names no CAMUNDA_AUTH_STRATEGY, the
 * credentials the service generated into DATA_DIR (default ./data), so the README's commands work
 * without sourcing the file first. A strategy in the environment always wins.
 */
export function localEngineClientConfig(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (env.CAMUNDA_AUTH_STRATEGY) return {};
  const file = resolve(join(env.DATA_DIR || './data', ENGINE_CREDENTIALS_FILE));
  if (!existsSync(file)) return {};
  const { username, password } = parseCredentialsFile(file);
  return { CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: username, CAMUNDA_BASIC_AUTH_PASSWORD: password };
}
