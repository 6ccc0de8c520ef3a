/** One malformed request: where it goes, what it carries, and as whom. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** For /v2: whether the request carries the engine's credentials, none, or wrong ones. */
  engineCredentials?: 'valid' | 'missing' | 'wrong';
}

/** Path parameters no key or id can be: wrong shapes, encodings, traversal, overflow. */
const BAD_IDS = [
  '0',
  '-1',
  'abc',
  '1e5',
  '9'.repeat(40),
  '%00',
  '%E0%A4%A',
  '..%2F..%2Fetc%2Fpasswd',
  '%27%20OR%201%3D1--',
  'null',
  '12345678901',
  '0x1F',
  '%F0%9F%92%A9',
  'a'.repeat(500),
];

/** Bodies that are not JSON, or JSON of no shape any endpoint takes. */
const BAD_TEXTS = [
  '{',
  '{"a":',
  'nul',
  '[1,2',
  '\u0000',
  '{"a":1}}',
  "{'a':1}",
  '{"a":NaN}',
  '"\\ud800"',
  '[]',
  '0',
  '"x"',
  'null',
  'true',
  '[{}]',
  // Nesting: beyond /api's 16 kB, within it, and past /v2's 1,000 levels inside a field it takes.
  '['.repeat(20_000) + ']'.repeat(20_000),
  '['.repeat(5_000) + ']'.repeat(5_000),
  '{"variables":' + '{"a":'.repeat(1_500) + '1' + '}'.repeat(1_500) + '}',
  '{"filter":' + '{"a":'.repeat(1_001) + '1' + '}'.repeat(1_001) + '}',
  // Keys that would reach Object.prototype if a document were merged into a plain object.
  '{"__proto__":{"polluted":1}}',
  '{"variables":{"__proto__":{"polluted":1}}}',
  '{"variables":{"a":{"constructor":{"prototype":{"polluted":1}}}}}',
];

/** Values of every JSON type: each endpoint's fields get one of a type they do not take. */
const WRONG_VALUES: unknown[] = [
  null,
  true,
  -1,
  1.5,
  1e308,
  '',
  'x'.repeat(5000),
  [],
  [1, 'a'],
  {},
  { $gt: '' },
  '<script>alert(1)</script>',
  '; DROP TABLE cases;--',
];

/** Endpoints with JSON bodies and the fields they know, with the JSON type each field takes. */
export const BODY_ENDPOINTS: Array<{
  method: string;
  path: string;
  fields: Record<string, 'string' | 'number' | 'boolean' | 'object' | 'array'>;
}> = [
  {
    method: 'POST',
    path: '/api/cases',
    fields: {
      municipality: 'string',
      referral: 'object',
      attributes: 'object',
      specialSupportNeed: 'boolean',
      identity: 'object',
      teamHint: 'string',
    },
  },
  { method: 'POST', path: '/api/session', fields: { username: 'string', password: 'string' } },
  { method: 'POST', path: '/api/log-extracts', fields: { henkilotunnus: 'string', requestReference: 'string' } },
  { method: 'POST', path: '/api/inbox/tasks/{key}/completion', fields: { variables: 'object' } },
  { method: 'POST', path: '/api/admin/teams', fields: { id: 'string', name: 'string', regionId: 'string', meetingDays: 'array' } },
  { method: 'PATCH', path: '/api/admin/teams/{id}', fields: { name: 'string', regionId: 'string', active: 'boolean' } },
  { method: 'PUT', path: '/api/admin/regions/{id}/meeting-calendar', fields: { meetings: 'array', rule: 'object' } },
  {
    method: 'POST',
    path: '/v2/process-instances',
    fields: { processDefinitionId: 'string', processDefinitionKey: 'string', variables: 'object', awaitCompletion: 'boolean' },
  },
  { method: 'POST', path: '/v2/process-instances/search', fields: { filter: 'object', page: 'object', sort: 'array' } },
  {
    method: 'POST',
    path: '/v2/jobs/activation',
    fields: { type: 'string', maxJobsToActivate: 'number', timeout: 'number', worker: 'string' },
  },
  { method: 'POST', path: '/v2/jobs/{key}/completion', fields: { variables: 'object' } },
  { method: 'POST', path: '/v2/jobs/{key}/failure', fields: { retries: 'number', errorMessage: 'string' } },
  { method: 'POST', path: '/v2/jobs/{key}/error', fields: { errorCode: 'string', errorMessage: 'string' } },
  { method: 'PATCH', path: '/v2/jobs/{key}', fields: { changeset: 'object' } },
  {
    method: 'POST',
    path: '/v2/messages/publication',
    fields: { name: 'string', correlationKey: 'string', timeToLive: 'number', variables: 'object' },
  },
  { method: 'POST', path: '/v2/messages/correlation', fields: { name: 'string', correlationKey: 'string', variables: 'object' } },
  { method: 'POST', path: '/v2/user-tasks/search', fields: { filter: 'object', page: 'object' } },
  { method: 'POST', path: '/v2/user-tasks/{key}/completion', fields: { variables: 'object', action: 'string' } },
  { method: 'POST', path: '/v2/user-tasks/{key}/assignment', fields: { assignee: 'string', allowOverride: 'boolean' } },
  { method: 'POST', path: '/v2/variables/search', fields: { filter: 'object', page: 'object' } },
  { method: 'POST', path: '/v2/incidents/{key}/resolution', fields: { operationReference: 'number' } },
  { method: 'POST', path: '/v2/process-instances/{key}/cancellation', fields: { operationReference: 'number' } },
  { method: 'PUT', path: '/v2/clock', fields: { timestamp: 'number' } },
  { method: 'POST', path: '/v2/deployments', fields: { resources: 'array', tenantId: 'string' } },
];

/** Endpoints without bodies, whose path parameters and query strings get fuzzed. */
export const PATH_ENDPOINTS: Array<{ method: string; path: string }> = [
  { method: 'GET', path: '/api/cases/{id}' },
  { method: 'GET', path: '/api/cases/{id}/identity' },
  { method: 'GET', path: '/api/case-view/{id}' },
  { method: 'GET', path: '/api/case-view/{id}/diagram' },
  { method: 'GET', path: '/api/inbox/tasks/{key}' },
  { method: 'POST', path: '/api/inbox/tasks/{key}/claim' },
  { method: 'DELETE', path: '/api/admin/teams/{id}' },
  { method: 'DELETE', path: '/api/admin/professionals/{id}' },
  { method: 'GET', path: '/api/dashboard/active-cases' },
  { method: 'GET', path: '/api/dashboard/stage-durations' },
  { method: 'GET', path: '/api/dashboard/caseloads' },
  { method: 'GET', path: '/api/dashboard/deadline-breaches' },
  { method: 'GET', path: '/api/dashboard/diagram' },
  { method: 'GET', path: '/api/stats/stages' },
  { method: 'GET', path: '/v2/process-instances/{key}' },
  { method: 'GET', path: '/v2/process-definitions/{key}/xml' },
  { method: 'GET', path: '/v2/user-tasks/{key}/form' },
  { method: 'GET', path: '/v2/variables/{key}' },
  { method: 'GET', path: '/v2/incidents/{key}' },
  { method: 'GET', path: '/v2/element-instances/{key}' },
  { method: 'DELETE', path: '/v2/user-tasks/{key}/assignee' },
  { method: 'PUT', path: '/v2/topology' },
  { method: 'PATCH', path: '/api/stats/stages' },
];

const QUERY_PARTS = [
  'teamId=%00',
  'regionId[]=a&regionId[]=b',
  'from=not-a-date',
  'to=2026-13-45',
  'stage=DROP',
  'limit=-1',
  'limit=1e9',
  'a=%',
  'q=' + 'x'.repeat(3000),
  '__proto__[x]=1',
  'constructor[prototype][x]=1',
];

const WRONG_ENGINE_CREDENTIALS = [
  'Basic ' + Buffer.from('sote-tyopari:wrong').toString('base64'),
  'Basic ' + Buffer.from('demo:demo').toString('base64'),
  'Basic ###',
  'Bearer x.y.z',
];

/**
 * Sets a /v2 request's credentials: mostly the engine's own (so the request reaches the endpoint),
 * else none or wrong ones (which must be answered 401 whatever else is wrong).
 */
function withEngineCredentials(request: FuzzRequest, random: () => number, engineAuthorization: string): FuzzRequest {
  if (!request.path.startsWith('/v2/')) return request;
  const roll = random();
  const headers = { ...request.headers };
  delete headers.authorization;
  if (roll < 0.7) return { ...request, headers: { ...headers, authorization: engineAuthorization }, engineCredentials: 'valid' };
  if (roll < 0.85) return { ...request, headers, engineCredentials: 'missing' };
  return {
    ...request,
    headers: { ...headers, authorization: WRONG_ENGINE_CREDENTIALS[Math.floor(random() * WRONG_ENGINE_CREDENTIALS.length)] },
    engineCredentials: 'wrong',
  };
}

/**
 * A stream of malformed requests, as the signed-in users (with their cookies) and strangers send
 * them; /v2 requests with the engine's basic-auth header, none or a wrong one.
 */
export function* malformedRequests(
  random: () => number,
  identities: ReadonlyArray<Record<string, string>>,
  engineAuthorization: string,
): Generator<FuzzRequest> {
  for (const request of anyoneMalformedRequests(random, identities)) yield withEngineCredentials(request, random, engineAuthorization);
}

function* anyoneMalformedRequests(random: () => number, identities: ReadonlyArray<Record<string, string>>): Generator<FuzzRequest> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const fill = (path: string) => path.replace(/\{[a-z]+\}/g, () => pick(BAD_IDS));
  for (;;) {
    const who = { ...pick(identities) };
    if (random() < 0.05) who.cookie = pick(['sote_session=%E0%A4%A', 'sote_session=', 'sote_session=' + 'a'.repeat(5000), '=;;=']);
    if (random() < 0.05)
      who.authorization = pick(['Bearer', 'Bearer x.y.z', 'Basic ###', 'Basic ' + Buffer.from(':').toString('base64'), 'Negotiate abc']);
    if (random() < 0.05) who['x-csrf-token'] = pick(['', 'x', 'a'.repeat(1000)]);
    const roll = random();
    if (roll < 0.6) {
      const endpoint = pick(BODY_ENDPOINTS);
      yield {
        method: endpoint.method,
        path: fill(endpoint.path),
        headers: {
          ...who,
          'content-type': pick([
            'application/json',
            'application/json',
            'application/json',
            'text/plain',
            'application/xml',
            'application/json; charset=latin1',
            'multipart/form-data; boundary=zz',
          ]),
        },
        body: malformedBody(random, endpoint.fields),
      };
    } else {
      const endpoint = pick(PATH_ENDPOINTS);
      const query = random() < 0.5 ? `?${Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(QUERY_PARTS)).join('&')}` : '';
      yield { method: endpoint.method, path: fill(endpoint.path) + query, headers: who };
    }
  }
}

/** A body the endpoint cannot accept: not JSON, or every field it knows given a type it does not take, or unknown fields. */
function malformedBody(random: () => number, fields: Record<string, string>): string {
  const roll = random();
  if (roll < 0.3) return BAD_TEXTS[Math.floor(random() * BAD_TEXTS.length)];
  const wrong: Record<string, unknown> = {};
  for (const [field, type] of Object.entries(fields)) {
    if (random() < 0.3) continue;
    const candidates = WRONG_VALUES.filter((v) => jsonType(v) !== type);
    wrong[field] = candidates[Math.floor(random() * candidates.length)];
  }
  if (roll > 0.85 || Object.keys(wrong).length === 0) wrong[`unknown${Math.floor(random() * 100)}`] = 'x';
  return JSON.stringify(wrong);
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return value === null ? 'null' : typeof value;
}
