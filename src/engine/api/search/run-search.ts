import type { Knex } from 'knex';
import { applyFilter } from './apply-filter.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { orderBy, selectSortValues, sortValueAlias, whereBeyond, type SortTerm } from './keyset.js';
import { parseSearchRequest } from './request.js';
import type { SearchResult, SearchSpec } from './spec.js';

/**
 * Runs a /v2 search over `base` (a query selecting the resource's rows): filter, count, sort, page,
 * map, answering `{ items, page: { totalItems, startCursor, endCursor, hasMoreTotalItems } }`.
 * `page.after` and `page.before` are keyset cursors over the sort values; `page.from` an offset.
 */
export async function runSearch<Item>(base: Knex.QueryBuilder, spec: SearchSpec<Item>, body: unknown): Promise<SearchResult<Item>> {
  const request = parseSearchRequest(spec as SearchSpec<unknown>, body);
  applyFilter(base, spec as SearchSpec<unknown>, request.filter ?? {});

  const countQuery = base.clone().clearSelect().clearOrder().count({ n: '*' });

  const terms: SortTerm[] = [
    ...(request.sort ?? []).map((s) => ({ column: spec.sort[s.field]!, order: s.order })),
    { column: spec.tiebreak, order: 'ASC' },
  ];
  const page = request.page ?? {};
  const limit = page.limit ?? 100;
  const backwards = page.before != null;
  if (page.after != null) whereBeyond(base, terms, decodeCursor(page.after, 'after', terms.length), 'after');
  if (page.before != null) whereBeyond(base, terms, decodeCursor(page.before, 'before', terms.length), 'before');
  selectSortValues(base, terms);
  orderBy(base, terms, backwards);
  base.limit(limit);
  if (page.from != null) base.offset(page.from);

  const [rows, count] = await Promise.all([base, countQuery]);
  const list = rows as Array<Record<string, unknown>>;
  if (backwards) list.reverse();
  const cursorOf = (row: Record<string, unknown> | undefined) =>
    row ? encodeCursor(terms.map((_, i) => (row[sortValueAlias(i)] as string | null) ?? null)) : null;
  return {
    items: list.map((row) => spec.map(row)),
    page: {
      totalItems: Number((count[0] as { n: string | number }).n),
      startCursor: cursorOf(list[0]),
      endCursor: cursorOf(list[list.length - 1]),
      hasMoreTotalItems: false,
    },
  };
}
