import type { ENGINE_KEYED_TABLES } from '../store/engine-call-log.js';

/** What a /v2 call is, for the use log. */
export interface EngineCallKind {
  action: 'READ' | 'UPDATE';
  /** `engine_api`: case data; `engine_administration`: the diagrams, forms and the engine's clock. */
  resource: 'engine_api' | 'engine_administration';
}

/** Calls that show or change nothing of a case: the cluster's state, the diagrams and forms as deployed. */
const NOT_CASE_DATA = [
  /^\/topology$/,
  /^\/status$/,
  /^\/license$/,
  /^\/authentication\/me$/,
  // Evaluates the caller's own expression over the variables it sent; no case's variables are read.
  /^\/expression\/evaluation$/,
  /^\/process-definitions(\/|$)/,
  /^\/user-tasks\/[^/]+\/form$/,
  /^\/forms(\/|$)/,
];

/** Job activations: /v2's, and Camunda 7's fetchAndLock at /engine-rest. */
export const ACTIVATIONS = ['/jobs/activation', '/external-task/fetchAndLock'];

/** Calls that change what the pathway is or when its timers fire, not one case's data. */
const ADMINISTRATION = [/^\/deployments(\/|$)/, /^\/resources(\/|$)/, /^\/clock(\/|$)/];

/**
 * The use log's view of a /v2 call (path relative to /v2), or undefined for one that touches no
 * case data. Everything else is logged, so an endpoint added to the engine later is logged
 * until someone decides it need not be: a GET, a search or a job activation reads, any other call
 * changes.
 */
export function engineCallKind(method: string, path: string): EngineCallKind | undefined {
  if (NOT_CASE_DATA.some((pattern) => pattern.test(path))) return undefined;
  // An activation locks jobs, but what the log must show is that their variables left: a read.
  const action = method === 'GET' || method === 'HEAD' || path.endsWith('/search') || ACTIVATIONS.includes(path) ? 'READ' : 'UPDATE';
  return { action, resource: ADMINISTRATION.some((pattern) => pattern.test(path)) ? 'engine_administration' : 'engine_api' };
}

/** The engine tables a /v2 path's key names a row of, by the path's first segment. */
/** A table of the engine that a path's key names. */
type EngineKeyedTable = (typeof ENGINE_KEYED_TABLES)[number];

const KEYED_TABLES: Readonly<Record<string, EngineKeyedTable>> = {
  'process-instances': 'process_instances',
  'user-tasks': 'user_tasks',
  jobs: 'jobs',
  'external-task': 'jobs',
  incidents: 'incidents',
  'element-instances': 'element_instances',
  variables: 'variables',
};

/** The engine row a path names (`/user-tasks/123/completion` → user_tasks 123), if any. */
export function keyedRowOf(path: string): { table: EngineKeyedTable; key: string } | undefined {
  const [, collection, key] = path.split('/');
  const table = KEYED_TABLES[collection];
  return table && key && isEngineKey(key) ? { table, key } : undefined;
}

/** A key as the engine's bigint columns hold them; anything else is left unasked. */
export function isEngineKey(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9]{1,19}$/.test(value) && BigInt(value) <= 9223372036854775807n;
}

/**
 * The process instance keys a call's request or answer names: the request's
 * `processInstanceKey` (or its filter's, when an exact key), and each answered item's or job's
 * `processInstanceKey` and `rootProcessInstanceKey`. Only the keys are read, never a value.
 */
export function processInstanceKeysOf(requestBody: unknown, responseBody: unknown): Set<string> {
  const keys = new Set<string>();
  const take = (record: unknown) => {
    if (typeof record !== 'object' || record === null) return;
    // processInstanceId: an external task's, as /engine-rest answers it.
    for (const field of ['processInstanceKey', 'rootProcessInstanceKey', 'processInstanceId']) {
      // ENGINE_REST_DIALECT=8.6 answers keys as JSON numbers.
      const raw = (record as Record<string, unknown>)[field];
      const value = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : raw;
      if (isEngineKey(value)) keys.add(value);
    }
  };
  take(requestBody);
  take((requestBody as { filter?: unknown } | null)?.filter);
  take(responseBody);
  if (Array.isArray(responseBody)) responseBody.forEach(take);
  for (const list of ['items', 'jobs']) {
    const entries = (responseBody as Record<string, unknown> | null)?.[list];
    if (Array.isArray(entries)) entries.forEach(take);
  }
  return keys;
}
