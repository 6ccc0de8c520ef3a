import type { Knex } from 'knex';
import { z } from 'zod';
import { EngineRejection } from '../errors.js';

/** How an API filter/sort field maps onto a column. */
export interface FieldSpec {
  column: string;
  type: 'string' | 'number' | 'boolean' | 'date' | 'key' | 'json-array';
}

const Page = z
  .object({
    from: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
    after: z.string().optional(),
    before: z.string().optional(),
  })
  .strict();

const Sort = z.array(z.object({ field: z.string(), order: z.enum(['ASC', 'DESC', 'asc', 'desc']).optional() }).strict());

export const SearchRequest = z
  .object({
    filter: z.record(z.string(), z.unknown()).optional(),
    sort: Sort.optional(),
    page: Page.optional(),
  })
  .strict();

export type SearchRequest = z.infer<typeof SearchRequest>;

const OPERATORS = new Set(['$eq', '$neq', '$exists', '$in', '$notIn', '$like', '$gt', '$gte', '$lt', '$lte']);

function cursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function offsetOf(value: string, name: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
  } catch {
    // reported below
  }
  throw EngineRejection.invalidArgument(`The page.${name} cursor '${value}' is not valid`);
}

function coerce(value: unknown, spec: FieldSpec, field: string): unknown {
  if (value === null) return null;
  switch (spec.type) {
    case 'number':
      if (typeof value !== 'number') throw EngineRejection.invalidArgument(`The filter ${field} must be a number`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw EngineRejection.invalidArgument(`The filter ${field} must be a boolean`);
      return value;
    case 'key':
      if (typeof value !== 'string' && typeof value !== 'number') throw EngineRejection.invalidArgument(`The filter ${field} must be a key`);
      if (!/^-?[0-9]+$/.test(String(value))) throw EngineRejection.invalidArgument(`The filter ${field} is '${String(value)}' but must be a numeric key`);
      return String(value);
    case 'date': {
      const date = new Date(String(value));
      if (Number.isNaN(date.getTime())) throw EngineRejection.invalidArgument(`The filter ${field} must be an ISO 8601 date-time`);
      return date;
    }
    default:
      if (typeof value !== 'string') throw EngineRejection.invalidArgument(`The filter ${field} must be a string`);
      return value;
  }
}

function applyCondition(query: Knex.QueryBuilder, field: string, spec: FieldSpec, condition: unknown): void {
  const column = spec.column;
  if (spec.type === 'json-array') {
    const values = typeof condition === 'object' && condition !== null && '$in' in condition ? (condition as { $in: unknown[] }).$in : [condition];
    query.where((q) => {
      for (const v of values) q.orWhereRaw(`?? @> ?::jsonb`, [column, JSON.stringify([coerce(v, { column, type: 'string' }, field)])]);
    });
    return;
  }
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    query.where(column, coerce(condition, spec, field) as never);
    return;
  }
  for (const [op, value] of Object.entries(condition)) {
    if (!OPERATORS.has(op)) throw EngineRejection.invalidArgument(`The filter ${field} has an unknown operator '${op}'`);
    switch (op) {
      case '$eq':
        query.where(column, coerce(value, spec, field) as never);
        break;
      case '$neq':
        query.whereNot(column, coerce(value, spec, field) as never);
        break;
      case '$exists':
        if (value) query.whereNotNull(column);
        else query.whereNull(column);
        break;
      case '$in':
      case '$notIn': {
        if (!Array.isArray(value)) throw EngineRejection.invalidArgument(`The filter ${field}.${op} must be an array`);
        const list = value.map((v) => coerce(v, spec, field));
        if (op === '$in') query.whereIn(column, list as never[]);
        else query.whereNotIn(column, list as never[]);
        break;
      }
      case '$like':
        query.where(column, 'like', String(coerce(value, spec, field)).replace(/\*/g, '%').replace(/\?/g, '_'));
        break;
      default:
        query.where(column, { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op]!, coerce(value, spec, field) as never);
    }
  }
}

/**
 * Runs a /v2 search: filters (plain values or advanced operators), sort and offset or cursor
 * paging over one engine table, answering Camunda's `{ items, page }` shape.
 */
export async function search<T>(
  base: Knex.QueryBuilder,
  body: unknown,
  fields: Record<string, FieldSpec>,
  map: (row: Record<string, unknown>) => T,
  defaultSort = 'key',
): Promise<{ items: T[]; page: { totalItems: number; startCursor: string | null; endCursor: string | null; hasMoreTotalItems: boolean } }> {
  const request = SearchRequest.parse(body ?? {});
  for (const [field, condition] of Object.entries(request.filter ?? {})) {
    const spec = fields[field];
    if (!spec) throw EngineRejection.invalidArgument(`The filter field '${field}' is not supported`);
    if (condition === undefined) continue;
    applyCondition(base, field, spec, condition);
  }
  const countQuery = base.clone().clearSelect().clearOrder().count({ n: '*' });
  const limit = request.page?.limit ?? 100;
  let offset = request.page?.from ?? 0;
  if (request.page?.after) offset = offsetOf(request.page.after, 'after');
  if (request.page?.before) offset = Math.max(0, offsetOf(request.page.before, 'before') - limit);
  for (const sort of request.sort ?? []) {
    const spec = fields[sort.field];
    if (!spec) throw EngineRejection.invalidArgument(`The sort field '${sort.field}' is not supported`);
    base.orderBy(spec.column, (sort.order ?? 'ASC').toLowerCase() as 'asc' | 'desc');
  }
  base.orderBy(defaultSort, 'asc');
  const [rows, count] = await Promise.all([base.offset(offset).limit(limit), countQuery]);
  const total = Number((count[0] as { n: string }).n);
  return {
    items: rows.map(map),
    page: {
      totalItems: total,
      startCursor: rows.length ? cursor(offset) : null,
      endCursor: rows.length ? cursor(offset + rows.length) : null,
      hasMoreTotalItems: false,
    },
  };
}
