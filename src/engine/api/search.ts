import type { Knex } from 'knex';
import { z } from 'zod';
import { EngineRejection } from '../errors.js';
import { Bool, Int, Key, parseRequest, show, Str } from './validation.js';

/**
 * The shared machinery of the /v2 search endpoints: request validation (filter, sort, page),
 * advanced filter operators translated to SQL through knex bindings, and the
 * `{ items, page: { totalItems, startCursor, endCursor, hasMoreTotalItems } }` answer.
 *
 * Columns and expressions are static SQL written in this layer; user input only ever reaches the
 * database as a binding.
 */

// ------------------------------------------------------------------ columns

/** A column or a fixed SQL expression, with its identifier bindings. */
export interface Col {
  sql: string;
  bindings: readonly string[];
}

/** A (possibly qualified) column, quoted by knex. */
export const col = (name: string): Col => ({ sql: '??', bindings: [name] });
/** A fixed SQL expression written in this layer (never user input). */
export const expr = (sql: string): Col => ({ sql, bindings: [] });

// ------------------------------------------------------------------ operator schemas

const DateTime = z.iso.datetime({ offset: true, error: 'must be an RFC 3339 date-time' });
/** Integer columns (versions, retries, priorities) are 32-bit. */
const Int32 = Int.min(-2147483648).max(2147483647);
/** Bounds `$in`/`$notIn` lists, which become one binding per value. */
const MAX_LIST = 10_000;

interface Ops {
  $eq?: unknown;
  $neq?: unknown;
  $exists?: boolean;
  $in?: unknown[];
  $notIn?: unknown[];
  $like?: string;
  $gt?: unknown;
  $gte?: unknown;
  $lt?: unknown;
  $lte?: unknown;
}

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
export const KeyFilter = property(Key, z.strictObject(equalityOps(Key)), 'a key or an advanced key filter');
export const IntFilter = property(Int32, z.strictObject({ ...equalityOps(Int32), ...rangeOps(Int32) }), 'an integer or an advanced integer filter');
export const DateFilter = property(DateTime, z.strictObject({ ...equalityOps(DateTime), ...rangeOps(DateTime) }), 'a date-time or an advanced date-time filter');
export const BoolFilter = Bool.nullish();

export function enumFilter(values: readonly [string, ...string[]]) {
  const value = z.enum(values, { error: `must be one of [${values.join(', ')}]` });
  return property(value, z.strictObject({ ...equalityOps(value), ...LIKE }), `one of [${values.join(', ')}] or an advanced filter`);
}

/** Turns a plain filter value into `{ $eq }`; leaves advanced filters as they are. */
function opsOf(condition: unknown): Ops {
  if (typeof condition === 'object' && condition !== null && !Array.isArray(condition)) return condition as Ops;
  return { $eq: condition };
}

/**
 * Camunda's `$like`: `*` any run of characters, `?` one character, backslash escapes either.
 * Translated to SQL LIKE (whose escape character in PostgreSQL is the backslash).
 */
export function likePattern(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i]!;
      out += next === '%' || next === '_' || next === '\\' ? `\\${next}` : next;
    } else if (c === '*') out += '%';
    else if (c === '?') out += '_';
    else if (c === '%' || c === '_' || c === '\\') out += `\\${c}`;
    else out += c;
  }
  return out;
}

const placeholders = (n: number) => new Array(n).fill('?').join(', ');
/** Bindings for a raw fragment: identifier bindings of the column, then the values. */
const bind = (c: Col, ...values: unknown[]): Knex.RawBinding[] => [...c.bindings, ...values] as Knex.RawBinding[];

/** Applies plain or advanced conditions on one column; several operators combine with AND. */
export function applyOps(qb: Knex.QueryBuilder, c: Col, condition: unknown): void {
  if (condition === undefined || condition === null) return;
  const ops = opsOf(condition);
  if (ops.$eq !== undefined) qb.whereRaw(`${c.sql} = ?`, bind(c, ops.$eq));
  if (ops.$neq !== undefined) qb.whereRaw(`${c.sql} IS DISTINCT FROM ?`, bind(c, ops.$neq));
  if (ops.$exists !== undefined) qb.whereRaw(`${c.sql} IS ${ops.$exists ? 'NOT ' : ''}NULL`, bind(c));
  if (ops.$in !== undefined) {
    if (ops.$in.length === 0) qb.whereRaw('false');
    else qb.whereRaw(`${c.sql} IN (${placeholders(ops.$in.length)})`, bind(c, ...ops.$in));
  }
  if (ops.$notIn !== undefined && ops.$notIn.length > 0) {
    qb.whereRaw(`(${c.sql} IS NULL OR ${c.sql} NOT IN (${placeholders(ops.$notIn.length)}))`, [...bind(c), ...bind(c, ...ops.$notIn)]);
  }
  if (ops.$like !== undefined) qb.whereRaw(`${c.sql} LIKE ?`, bind(c, likePattern(ops.$like)));
  for (const [op, sql] of [
    ['$gt', '>'],
    ['$gte', '>='],
    ['$lt', '<'],
    ['$lte', '<='],
  ] as const) {
    if (ops[op] !== undefined) qb.whereRaw(`${c.sql} ${sql} ?`, bind(c, ops[op]));
  }
}

/**
 * Conditions on a JSONB array of strings (candidate groups and users): an element must match
 * (`$eq`, `$in`, `$like`), or none may (`$neq`, `$notIn`); `$exists` asks for a non-empty array.
 */
export function applyArrayOps(qb: Knex.QueryBuilder, c: Col, condition: unknown): void {
  if (condition === undefined || condition === null) return;
  const ops = opsOf(condition);
  const some = (where: string) => `EXISTS (SELECT 1 FROM jsonb_array_elements_text(${c.sql}) AS element(value) WHERE ${where})`;
  if (ops.$eq !== undefined) qb.whereRaw(some('element.value = ?'), bind(c, ops.$eq));
  if (ops.$neq !== undefined) qb.whereRaw(`NOT ${some('element.value = ?')}`, bind(c, ops.$neq));
  if (ops.$exists !== undefined) qb.whereRaw(`jsonb_array_length(${c.sql}) ${ops.$exists ? '>' : '='} 0`, bind(c));
  if (ops.$in !== undefined) {
    if (ops.$in.length === 0) qb.whereRaw('false');
    else qb.whereRaw(some(`element.value IN (${placeholders(ops.$in.length)})`), bind(c, ...ops.$in));
  }
  if (ops.$notIn !== undefined && ops.$notIn.length > 0) {
    qb.whereRaw(`NOT ${some(`element.value IN (${placeholders(ops.$notIn.length)})`)}`, bind(c, ...ops.$notIn));
  }
  if (ops.$like !== undefined) qb.whereRaw(some('element.value LIKE ?'), bind(c, likePattern(ops.$like)));
}

// ------------------------------------------------------------------ filter fields

export interface FilterField {
  schema: z.ZodType;
  /** Adds the field's conditions; absent when a spec-level `combine` handles the field. */
  apply?: (qb: Knex.QueryBuilder, value: unknown) => void;
}

export const stringField = (c: Col): FilterField => ({ schema: StringFilter, apply: (qb, v) => applyOps(qb, c, v) });
export const keyField = (c: Col): FilterField => ({ schema: KeyFilter, apply: (qb, v) => applyOps(qb, c, v) });
export const intField = (c: Col): FilterField => ({ schema: IntFilter, apply: (qb, v) => applyOps(qb, c, v) });
export const dateField = (c: Col): FilterField => ({ schema: DateFilter, apply: (qb, v) => applyOps(qb, c, v) });
export const enumField = (c: Col, values: readonly [string, ...string[]]): FilterField => ({
  schema: enumFilter(values),
  apply: (qb, v) => applyOps(qb, c, v),
});
export const boolField = (c: Col): FilterField => ({
  schema: BoolFilter,
  apply: (qb, v) => {
    if (typeof v === 'boolean') qb.whereRaw(`${c.sql} = ?`, bind(c, v));
  },
});
export const stringArrayField = (c: Col): FilterField => ({ schema: StringFilter, apply: (qb, v) => applyArrayOps(qb, c, v) });

/**
 * A property the engine never sets (batch operations, business ids): it is null on every row,
 * so conditions behave as they would on a missing value.
 */
export const absentStringField = (): FilterField => stringField(expr('NULL::text'));

/** Tags: the engine keeps none, so only an empty tag list matches anything. */
export const absentTagsField = (): FilterField => ({
  schema: z.array(Str).nullish(),
  apply: (qb, v) => {
    if (Array.isArray(v) && v.length > 0) qb.whereRaw('false');
  },
});

/** A filter the API defines but the embedded engine cannot answer: rejected rather than ignored. */
export const unsupportedField = (name: string): FilterField => ({
  schema: z.unknown(),
  apply: (_qb, v) => {
    if (v !== undefined && v !== null) throw EngineRejection.invalidArgument(`The filter ${name} is not supported by the embedded engine.`);
  },
});

/** `[{ name, value }]` variable conditions, each of which must hold (EXISTS per entry). */
export const VariableConditions = z
  .array(z.strictObject({ name: Str, value: StringFilter.unwrap().unwrap() }))
  .nullish();

export function variableField(
  knex: Knex,
  variablesTable: string,
  correlate: (sub: Knex.QueryBuilder) => void,
): FilterField {
  return {
    schema: VariableConditions,
    apply: (qb, v) => {
      for (const condition of (v as Array<{ name: string; value: unknown }> | null | undefined) ?? []) {
        qb.whereExists((sub) => {
          sub.select(knex.raw('1')).from(`${variablesTable} as var`).where('var.name', condition.name);
          correlate(sub);
          applyOps(sub, col('var.value'), condition.value);
        });
      }
    },
  };
}

// ------------------------------------------------------------------ search specs

export interface SearchSpec<Item> {
  filters: Record<string, FilterField>;
  /** Accept `$or: [filter, …]` (process instances). */
  or?: boolean;
  /** Applies conditions that span several filter fields (which then have no `apply` of their own). */
  combine?: (qb: Knex.QueryBuilder, filter: Record<string, unknown>) => void;
  sort: Record<string, Col>;
  /** The unique key every sort ends with, so pages are stable. */
  tiebreak: Col;
  map: (row: Record<string, unknown>) => Item;
}

export interface SearchPage {
  totalItems: number;
  startCursor: string | null;
  endCursor: string | null;
  hasMoreTotalItems: boolean;
}

export interface SearchResult<Item> {
  items: Item[];
  page: SearchPage;
}

const SortOrder = z
  .enum(['ASC', 'DESC', 'asc', 'desc'], { error: 'must be one of [ASC, DESC]' })
  .optional()
  .transform((o) => (o ?? 'ASC').toUpperCase() as 'ASC' | 'DESC');

const Cursor = z.string({ error: 'must be a cursor string' });

const Page = z
  .strictObject({
    from: Int.min(0).nullish(),
    limit: Int.min(1).max(10_000).nullish(),
    after: Cursor.nullish(),
    before: Cursor.nullish(),
  })
  .nullish()
  .superRefine((page, ctx) => {
    if (!page) return;
    if (page.after != null && page.before != null) {
      ctx.addIssue({ code: 'custom', message: 'Both after and before cannot be set at the same time' });
    } else if (page.from != null && (page.after != null || page.before != null)) {
      ctx.addIssue({ code: 'custom', message: 'Both after/before and from cannot be set at the same time' });
    }
  });

const schemaCache = new WeakMap<SearchSpec<unknown>, z.ZodType>();

function requestSchema(spec: SearchSpec<unknown>): z.ZodType {
  let schema = schemaCache.get(spec);
  if (schema) return schema;
  const fields = Object.fromEntries(Object.entries(spec.filters).map(([name, f]) => [name, f.schema.optional()]));
  const base = z.strictObject(fields);
  const filter = spec.or ? base.extend({ $or: z.array(base).nullish() }) : base;
  const sortFields = Object.keys(spec.sort) as [string, ...string[]];
  const SortField = z.enum(sortFields, { error: `must be one of [${sortFields.join(', ')}]` });
  schema = z.strictObject({
    filter: filter.nullish(),
    sort: z.array(z.strictObject({ field: SortField, order: SortOrder })).nullish(),
    page: Page,
  });
  schemaCache.set(spec, schema);
  return schema;
}

interface ParsedRequest {
  filter?: Record<string, unknown> | null;
  sort?: Array<{ field: string; order: 'ASC' | 'DESC' }> | null;
  page?: { from?: number | null; limit?: number | null; after?: string | null; before?: string | null } | null;
}

function applyFilter(qb: Knex.QueryBuilder, spec: SearchSpec<unknown>, filter: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(filter)) {
    if (name === '$or' || value === undefined || value === null) continue;
    spec.filters[name]?.apply?.(qb, value);
  }
  spec.combine?.(qb, filter);
  const alternatives = filter.$or as Array<Record<string, unknown>> | null | undefined;
  if (alternatives && alternatives.length > 0) {
    qb.where((any) => {
      for (const alternative of alternatives) any.orWhere((one) => applyFilter(one, spec, alternative));
    });
  }
}

function encodeCursor(index: number): string {
  return Buffer.from(JSON.stringify({ i: index }), 'utf8').toString('base64');
}

function decodeCursor(cursor: string, name: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { i?: unknown };
    if (typeof decoded.i === 'number' && Number.isInteger(decoded.i) && decoded.i >= 0) return decoded.i;
  } catch {
    // reported below
  }
  throw EngineRejection.invalidArgument(`The value for page.${name} is '${show(cursor)}' but must be a cursor returned by a previous search.`);
}

/** Parses and validates a search request body against a spec (exposed for routes that need the filter early). */
export function parseSearchRequest(spec: SearchSpec<unknown>, body: unknown): ParsedRequest {
  return parseRequest(requestSchema(spec), body ?? {}) as ParsedRequest;
}

/**
 * Runs a search over `base` (a query selecting the resource's rows): filter, count, sort, page,
 * map. Cursors are positions in the sorted result, encoded as base64.
 */
export async function runSearch<Item>(base: Knex.QueryBuilder, spec: SearchSpec<Item>, body: unknown): Promise<SearchResult<Item>> {
  const request = parseSearchRequest(spec as SearchSpec<unknown>, body);
  applyFilter(base, spec as SearchSpec<unknown>, request.filter ?? {});

  const countQuery = base.clone().clearSelect().clearOrder().count({ n: '*' });

  let limit = request.page?.limit ?? 100;
  let offset = request.page?.from ?? 0;
  if (request.page?.after != null) offset = decodeCursor(request.page.after, 'after') + 1;
  if (request.page?.before != null) {
    const end = decodeCursor(request.page.before, 'before');
    offset = Math.max(0, end - limit);
    limit = end - offset;
  }

  for (const sort of request.sort ?? []) {
    const c = spec.sort[sort.field]!;
    base.orderByRaw(`${c.sql} ${sort.order} NULLS LAST`, bind(c));
  }
  base.orderByRaw(`${spec.tiebreak.sql} ASC`, bind(spec.tiebreak));

  const [rows, count] = await Promise.all([limit > 0 ? base.offset(offset).limit(limit) : Promise.resolve([]), countQuery]);
  const list = rows as Array<Record<string, unknown>>;
  return {
    items: list.map((row) => spec.map(row)),
    page: {
      totalItems: Number((count[0] as { n: string | number }).n),
      startCursor: list.length > 0 ? encodeCursor(offset) : null,
      endCursor: list.length > 0 ? encodeCursor(offset + list.length - 1) : null,
      hasMoreTotalItems: false,
    },
  };
}
