import createCamundaClient, { isSdkError } from '@camunda8/orchestration-cluster-api';
import type { Config } from './config.js';
import type { EngineCredentials } from './security/engine-credentials.js';

/** The official client, as `createCamundaClient` makes it. */
export type CamundaClient = ReturnType<typeof createCamundaClient>;

/**
 * Search options for a read that must not block: the client would otherwise wait for the result to
 * appear in secondary storage, and a page or a reconciler pass can show what there is and look again.
 */
export const NO_WAIT = { consistency: { waitUpToMs: 0 } } as const;

/**
 * The official client for this service's own use (API, deployment, workers): pointed at this
 * server when the engine is embedded (with its basic auth credentials when /v2 asks for them),
 * else configured by the CAMUNDA_* environment as any client of the cluster is.
 */
export function ownCamundaClient(config: Config, ownUrl: string, credentials: EngineCredentials | undefined): CamundaClient {
  if (config.CAMUNDA_REST_ADDRESS) return createCamundaClient();
  if (!credentials) return createCamundaClient({ config: { CAMUNDA_REST_ADDRESS: ownUrl, CAMUNDA_AUTH_STRATEGY: 'NONE' } });
  return createCamundaClient({
    config: {
      CAMUNDA_REST_ADDRESS: ownUrl,
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: credentials.username,
      CAMUNDA_BASIC_AUTH_PASSWORD: credentials.password,
    },
  });
}

/**
 * Whether a call failed because the engine could not be read now, rather than because it refused
 * what was asked: no answer at all (connection refused, reset, timed out, aborted), or an answer
 * of 429 or 5xx. On a cluster search reads secondary storage, which can be behind or away while
 * Zeebe runs; a page shows what the read model has and tries again later.
 */
export function isEngineUnavailable(error: unknown): boolean {
  if (isSdkError(error) && error.name === 'HttpSdkError') {
    const status = Number(error.status);
    return status === 429 || status >= 500;
  }
  if (isSdkError(error)) return false;
  return error instanceof Error && ['TypeError', 'AbortError', 'TimeoutError'].includes(error.name);
}
