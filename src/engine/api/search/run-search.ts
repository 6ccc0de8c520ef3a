import type { Knex } from 'knex';
import { applyFilter } from './apply-filter.js';
import { bind } from './columns.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { parseSearchRequest } from './request.js';
import type { SearchResult, SearchSpec } from './spec.js';

/**
 * Runs a /v2 search over `base` (a query selecting the resource's rows): filter, count, sort, page,
 * map, answering `{ items, page: { totalItems, startCursor, endCursor, hasMoreTotalItems } }`.
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
