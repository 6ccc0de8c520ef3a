import { z } from 'zod';
import { EngineRejection } from '../errors.js';
import { prototypeKeyIn } from '../runtime/variable-names.js';

/**
 * Request validation with Camunda's wording: violations are sentences such as "No type provided"
 * or "The value for maxJobsToActivate is '-1' but must be greater than 0", joined with ". " and
 * ended with a period, answered as 400 INVALID_ARGUMENT.
 *
 * Convention: a custom zod error written as a fragment starting with "must " (for example
 * `{ error: 'must be a JSON object' }`) becomes "The value for <field> is '<input>' but must …".
 */

type Issue = z.core.$ZodIssue;
type PathItem = PropertyKey;

export function parseRequest<S extends z.ZodType>(schema: S, input: unknown, root: PathItem[] = []): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw EngineRejection.invalidArgument(sentences(result.error.issues.flatMap((issue) => describeIssue(issue, root))));
}

/** Joins violations the way Camunda's RequestValidator does. */
export function sentences(violations: string[]): string {
  const text = violations.join('. ');
  return text.endsWith('.') ? text : `${text}.`;
}

export function fieldPath(path: readonly PathItem[]): string {
  let out = '';
  for (const item of path) {
    if (typeof item === 'number') out += `[${item}]`;
    else out += out ? `.${String(item)}` : String(item);
  }
  return out;
}

/** Shows an offending input value inside quotes, shortened. */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? value : stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

/** JSON.stringify runs out of stack on input nested thousands deep; such input is shown by its kind only. */
function stringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Array.isArray(value) ? '[…]' : '{…}';
  }
}

const ARTICLE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  object: 'a JSON object',
  record: 'a JSON object',
  array: 'an array',
  null: 'null',
};

function invalidValue(path: string, input: unknown, must: string): string {
  return `The value for ${path || 'the request body'} is '${show(input)}' but ${must}`;
}

function describeIssue(issue: Issue, prefix: readonly PathItem[]): string[] {
  const at = [...prefix, ...issue.path];
  const path = fieldPath(at);
  const input = (issue as { input?: unknown }).input;
  if (issue.message.startsWith('must ') && issue.code !== 'invalid_union') {
    if (input === undefined && issue.code === 'invalid_type') return [`No ${path} provided`];
    return [invalidValue(path, input, issue.message)];
  }
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return [`No ${path || 'request body'} provided`];
      return [invalidValue(path, input, `must be ${ARTICLE[issue.expected] ?? issue.expected}`)];
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string' && min <= 1) return [`No ${path} provided`];
      if (issue.origin === 'array') return [invalidValue(path, input, `must contain at least ${min} item${min === 1 ? '' : 's'}`)];
      if (issue.origin === 'string') return [invalidValue(path, input, `must be at least ${min} characters long`)];
      return [invalidValue(path, input, `must be greater than ${issue.inclusive ? 'or equal to ' : ''}${min}`)];
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array') return [invalidValue(path, input, `must contain at most ${max} items`)];
      if (issue.origin === 'string') return [invalidValue(path, input, `must be at most ${max} characters long`)];
      return [invalidValue(path, input, `must be less than ${issue.inclusive ? 'or equal to ' : ''}${max}`)];
    }
    case 'invalid_value':
      return [invalidValue(path, input, `must be one of [${issue.values.map(String).join(', ')}]`)];
    case 'invalid_format':
      return [
        invalidValue(path, input, issue.format === 'datetime' ? 'must be an RFC 3339 date-time' : `must match the format ${issue.format}`),
      ];
    case 'not_multiple_of':
      return [invalidValue(path, input, `must be a multiple of ${String(issue.divisor)}`)];
    case 'unrecognized_keys':
      return issue.keys.map((key) => `The property ${fieldPath([...at, key])} is not supported`);
    case 'invalid_union': {
      // Report the branch the input was meant for: one that did not fail on the value's own type.
      const branch = issue.errors.find(
        (errors) =>
          errors.length > 0 && !errors.some((e) => e.path.length === 0 && (e.code === 'invalid_type' || e.code === 'invalid_union')),
      );
      if (branch) return branch.flatMap((e) => describeIssue(e, at));
      return [invalidValue(path, input, issue.message.startsWith('must ') ? issue.message : 'has an unexpected type')];
    }
    case 'custom':
      return [issue.message];
    default:
      return [invalidValue(path, input, `is invalid (${issue.message})`)];
  }
}

// ------------------------------------------------------------------ shared schemas

// No schema-level error messages here: in zod 4 they would replace the messages of every check.
export const Str = z.string();
export const Int = z.number().int();
export const Bool = z.boolean();
/** A string that must not be blank (Camunda answers "No <field> provided" for blank ones). */
export const NonBlank = (field: string) => Str.refine((s) => s.trim().length > 0, { error: `No ${field} provided` });

/** A decimal string within the range of a signed 64-bit long. */
export function isLong(value: string): boolean {
  if (!/^-?[0-9]{1,19}$/.test(value)) return false;
  const n = BigInt(value);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}

/** Zeebe keys are decimal longs; the API sends them as strings (numbers are accepted too). */
export const Key = z
  .union([z.string(), z.number().int()], { error: 'must be a numeric key' })
  .transform((v) => String(v))
  .refine(isLong, { error: 'must be a numeric key' });

/** A variables document: a JSON object (null and absent mean none). */
export const Variables = z
  .preprocess((value, ctx) => {
    // Checked before parsing: the parsed record would have dropped the key (or set its prototype).
    const key = prototypeKeyIn(value);
    if (key)
      ctx.addIssue({ code: 'custom', input: value, message: `must not name '${key}': it may not be a variable name or a key inside one` });
    return value;
  }, z.record(z.string(), z.unknown()).nullish())
  .transform((v) => v ?? {});

export const DEFAULT_TENANT = '<default>';

/** Single-tenant engine: only the default tenant is accepted, as a cluster without multi-tenancy does. */
export function tenantIdOf(requestName: string) {
  return z
    .string()
    .nullish()
    .superRefine((tenantId, ctx) => {
      if (tenantId != null && tenantId !== DEFAULT_TENANT) {
        ctx.addIssue({
          code: 'custom',
          message: `Expected to handle request ${requestName} with tenant identifier '${tenantId}', but multi-tenancy is disabled`,
        });
      }
    });
}

export const OperationReference = z.number().int().min(1).nullish();

/** An optional request body that carries nothing the engine needs but `operationReference`. */
export const OperationOnlyBody = z.object({ operationReference: OperationReference }).nullish();
