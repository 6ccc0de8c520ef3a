import createCamundaClient from '@camunda8/orchestration-cluster-api';

export type CamundaClient = ReturnType<typeof createCamundaClient>;

/**
 * An official client without credentials (the test service's loopback opt-out), with strict
 * request and response validation, so every shape is checked; responses go unchecked where the
 * engine answers as 8.6, whose numeric keys the schema refuses.
 */
export function camundaClientFor(url: string): CamundaClient {
  const responses = process.env.ENGINE_REST_DIALECT === '8.6' ? 'res:none' : 'res:strict';
  return createCamundaClient({
    config: {
      CAMUNDA_REST_ADDRESS: url,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_SDK_VALIDATION: `req:strict,${responses}`,
      CAMUNDA_SDK_LOG_LEVEL: 'silent',
    },
  });
}
