import { nestingDepthOf, prototypeKeyIn, prototypeSegmentOf } from '../../runtime/variable-names.js';
import { JSON_MAX_DEPTH } from '../route-table.js';
import { ExternalTaskError } from './errors.js';

/** A variable in Camunda 7's typed form, as its REST API and camunda-external-task-client-js send it. */
export interface TypedValue {
  value: unknown;
  type: string;
  valueInfo: Record<string, unknown>;
}

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/**
 * An engine value (JSON) in Camunda 7's typed form: integers as Integer or, beyond 32 bits, Long;
 * other numbers as Double; objects and arrays as Json (a JSON string, as Camunda 7's Spin sends it).
 * Every JSON value has one, and fromTypedValue gives the same value back.
 */
export function toTypedValue(value: unknown): TypedValue {
  if (value === null || value === undefined) return { value: null, type: 'Null', valueInfo: {} };
  if (typeof value === 'string') return { value, type: 'String', valueInfo: {} };
  if (typeof value === 'boolean') return { value, type: 'Boolean', valueInfo: {} };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX) return { value, type: 'Integer', valueInfo: {} };
    return { value, type: Number.isSafeInteger(value) ? 'Long' : 'Double', valueInfo: {} };
  }
  return { value: JSON.stringify(value), type: 'Json', valueInfo: {} };
}

export function toTypedVariables(values: Record<string, unknown>): Record<string, TypedValue> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, toTypedValue(value)]));
}

/**
 * A Camunda 7 typed value as the engine's JSON value, or a 400 naming the variable when it has no
 * lossless one: Bytes, File, Xml, Object values serialized other than as JSON, transient variables,
 * numbers outside their type's range. Type names are matched case-insensitively, as Camunda 7
 * does (the client library sends them in lower case). A Date becomes its instant as an ISO 8601
 * string in UTC: the engine's variables are JSON, which has no date.
 */
export function fromTypedValue(name: string, typed: unknown): unknown {
  const refuse = (why: string) => ExternalTaskError.badRequest(`Cannot convert value of variable '${name}': ${why}`);
  if (typeof typed !== 'object' || typed === null || Array.isArray(typed)) throw refuse('expected an object { value, type, valueInfo }');
  const { value, type, valueInfo } = typed as Partial<TypedValue>;
  if (valueInfo !== undefined && valueInfo !== null && (typeof valueInfo !== 'object' || Array.isArray(valueInfo)))
    throw refuse('valueInfo must be an object');
  if (valueInfo?.transient === true) throw refuse('transient variables are not supported by the embedded engine');
  if (type !== undefined && type !== null && typeof type !== 'string') throw refuse('type must be a string');
  const kind = (type ?? inferredType(value)).toLowerCase();
  if (value === null || value === undefined) {
    if (['null', 'string', 'integer', 'short', 'long', 'double', 'boolean', 'json', 'date', 'object'].includes(kind)) return null;
    throw refuse(`type '${type}' is not supported by the embedded engine`);
  }
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') throw refuse(`a String must be a JSON string, not ${describe(value)}`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw refuse(`a Boolean must be true or false, not ${describe(value)}`);
      return value;
    case 'integer':
      return integerIn(value, INT_MIN, INT_MAX, 'an Integer', refuse);
    case 'short':
      return integerIn(value, -(2 ** 15), 2 ** 15 - 1, 'a Short', refuse);
    case 'long':
      return integerIn(value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'a Long held exactly (up to 2^53)', refuse);
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw refuse(`a Double must be a finite number, not ${describe(value)}`);
      return value;
    case 'json':
      return parsedJson(value, 'a Json value', refuse);
    case 'object': {
      const format = valueInfo?.serializationDataFormat;
      if (format !== 'application/json')
        throw refuse(`an Object serialized as '${String(format)}' cannot be read; only serializationDataFormat application/json can`);
      return parsedJson(value, 'an Object value', refuse);
    }
    case 'date':
      return isoInstant(value, refuse);
    default:
      throw refuse(`type '${type}' is not supported by the embedded engine`);
  }
}

/** A variables map of typed values (absent or null: none) as engine values. */
export function fromTypedVariables(typed: unknown, field: string): Record<string, unknown> {
  if (typed === undefined || typed === null) return {};
  if (typeof typed !== 'object' || Array.isArray(typed)) throw ExternalTaskError.badRequest(`${field} must be an object of typed values`);
  const values: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(typed)) {
    if (prototypeSegmentOf(name)) throw ExternalTaskError.badRequest(`'${name}' may not be a variable name`);
    values[name] = fromTypedValue(name, entry);
  }
  return values;
}

/** Camunda 7 guesses the type of an untyped value from its JSON kind. */
function inferredType(value: unknown): string {
  if (value === null || value === undefined) return 'Null';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Long' : 'Double';
  return 'untyped object';
}

type Refuse = (why: string) => ExternalTaskError;

function integerIn(value: unknown, min: number, max: number, what: string, refuse: Refuse): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw refuse(`${what} must be an integer from ${min} to ${max}, not ${describe(value)}`);
  return value;
}

function parsedJson(value: unknown, what: string, refuse: Refuse): unknown {
  if (typeof value !== 'string') throw refuse(`${what} must be its JSON text as a string, not ${describe(value)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw refuse(`${what} is not valid JSON`);
  }
  const key = prototypeKeyIn(parsed);
  if (key) throw refuse(`it names '${key}', which may not be a key inside a variable`);
  if (nestingDepthOf(parsed) > JSON_MAX_DEPTH) throw refuse(`it nests deeper than ${JSON_MAX_DEPTH} levels`);
  return parsed;
}

/** Camunda 7's date format (yyyy-MM-dd'T'HH:mm:ss.SSSZ, e.g. 2026-03-01T09:30:00.000+0200), or ISO 8601 with an offset. */
const DATE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)(Z|[+-]\d{2}:?\d{2})$/;

function isoInstant(value: unknown, refuse: Refuse): string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  const offset = match?.[2] === 'Z' ? 'Z' : match?.[2]?.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const instant = match ? new Date(`${match[1]}${offset}`) : undefined;
  if (!instant || Number.isNaN(instant.getTime()))
    throw refuse(`a Date must look like 2026-03-01T09:30:00.000+0200 (with its offset), not ${describe(value)}`);
  return instant.toISOString();
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
