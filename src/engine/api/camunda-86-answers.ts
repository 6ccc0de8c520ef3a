import type { RequestHandler } from 'express';

/** Properties ending in Key that are not entity keys: a correlation key is whatever the publisher chose. */
const NOT_ENTITY_KEYS = new Set(['correlationKey']);

/** Objects whose properties are the process's own names and values, not the API's fields. */
const OPAQUE = new Set(['variables', 'customHeaders']);

/** Fields of an activated job that Camunda 8.6 did not send: which listener a job belongs to. */
const JOB_FIELDS_AFTER_86 = new Set(['kind', 'listenerEventType']);

/**
 * Answers as the REST API of Camunda 8.6 did, for testing the app against an older broker
 * (ENGINE_REST_DIALECT=8.6): every entity key a JSON number (`"jobKey": 2251799813685777`), and
 * activated jobs without `kind` and `listenerEventType`. Zeebe's keys stay below 2^53, so none
 * loses digits.
 */
export function camunda86Answers(): RequestHandler {
  return (_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => json(as86(body, ''));
    next();
  };
}

function as86(value: unknown, name: string): unknown {
  if (Array.isArray(value)) return value.map((item) => as86(item, name));
  if (value !== null && typeof value === 'object') {
    if (OPAQUE.has(name)) return value;
    const isJob = name === 'jobs';
    return Object.fromEntries(
      Object.entries(value)
        .filter(([field]) => !(isJob && JOB_FIELDS_AFTER_86.has(field)))
        .map(([field, inner]) => [field, as86(inner, field)]),
    );
  }
  if (typeof value === 'string' && isEntityKeyField(name) && /^[0-9]{1,16}$/.test(value) && Number.isSafeInteger(Number(value)))
    return Number(value);
  return value;
}

function isEntityKeyField(name: string): boolean {
  return (name.endsWith('Key') || name.endsWith('Keys')) && !NOT_ENTITY_KEYS.has(name);
}
