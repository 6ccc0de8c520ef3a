import { z } from 'zod';
import { Bool, Int, Key, Str } from '../validation.js';

const DateTime = z.iso.datetime({ offset: true, error: 'must be an RFC 3339 date-time' });
/** Integer columns (versions, retries, priorities) are 32-bit. */
const Int32 = Int.min(-2147483648).max(2147483647);
/** Bounds `$in`/`$notIn` lists, which become one binding per value. */
const MAX_LIST = 10_000;

function equalityOps<T extends z.ZodType>(value: T) {
  return {
    $eq: value.optional(),
    $neq: value.optional(),
    $exists: Bool.optional(),
    $in: z.array(value).max(MAX_LIST).optional(),
    $notIn: z.array(value).max(MAX_LIST).optional(),
  };
}

function rangeOps<T extends z.ZodType>(value: T) {
  return { $gt: value.optional(), $gte: value.optional(), $lt: value.optional(), $lte: value.optional() };
}

const LIKE = { $like: Str.optional() };

/** `value | { $op: … }`, as the *FilterProperty schemas of the API. */
function property<P extends z.ZodType, A extends z.ZodType>(plain: P, advanced: A, what: string) {
  return z.union([plain, advanced], { error: `must be ${what}` }).nullish();
}

export const StringFilter = property(Str, z.strictObject({ ...equalityOps(Str), ...LIKE }), 'a string or an advanced string filter');
/**
 * A variable's value (JSON text): the string operators and, as Camunda's data-fetching rules
 * document for variable values (`{ "$lt": "500" }`), the range operators, which the 8.9
 * specification's StringFilterProperty leaves out.
 */
export const VariableValueFilter = property(
  Str,
  z.strictObject({ ...equalityOps(Str), ...LIKE, ...rangeOps(Str) }),
  'a JSON value or an advanced variable value filter',
);
export const KeyFilter = property(Key, z.strictObject(equalityOps(Key)), 'a key or an advanced key filter');
export const IntFilter = property(
  Int32,
  z.strictObject({ ...equalityOps(Int32), ...rangeOps(Int32) }),
  'an integer or an advanced integer filter',
);
export const DateFilter = property(
  DateTime,
  z.strictObject({ ...equalityOps(DateTime), ...rangeOps(DateTime) }),
  'a date-time or an advanced date-time filter',
);
export const BoolFilter = Bool.nullish();

export function enumFilter(values: readonly [string, ...string[]]) {
  const value = z.enum(values, { error: `must be one of [${values.join(', ')}]` });
  return property(value, z.strictObject({ ...equalityOps(value), ...LIKE }), `one of [${values.join(', ')}] or an advanced filter`);
}
