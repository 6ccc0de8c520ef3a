import type { Knex } from 'knex';
import { bind, type Col, type Fragment } from './columns.js';

/** One term of a search's order: a column and its direction; nulls always sort last, as in Camunda. */
export interface SortTerm {
  column: Col;
  order: 'ASC' | 'DESC';
}

/** The alias under which a search selects the text of its i-th sort value, for the cursors. */
export const sortValueAlias = (i: number): string => `__sort_${i}`;

/** Selects each sort term's value as text: exact for keys, timestamps and numbers alike. */
export function selectSortValues(qb: Knex.QueryBuilder, terms: readonly SortTerm[]): void {
  terms.forEach((term, i) => {
    qb.select(qb.client.raw(`(${term.column.sql})::text AS ??`, bind(term.column, sortValueAlias(i))) as Knex.Raw);
  });
}

/** Orders by the terms, or by their exact reverse (to read the rows just before a cursor). */
export function orderBy(qb: Knex.QueryBuilder, terms: readonly SortTerm[], reversed: boolean): void {
  for (const { column, order } of terms) {
    const forward = order === 'ASC' ? 'ASC NULLS LAST' : 'DESC NULLS LAST';
    const backward = order === 'ASC' ? 'DESC NULLS FIRST' : 'ASC NULLS FIRST';
    qb.orderByRaw(`${column.sql} ${reversed ? backward : forward}`, bind(column));
  }
}

function equal(term: SortTerm, value: string | null): Fragment {
  const c = term.column;
  return value === null ? { sql: `${c.sql} IS NULL`, bindings: bind(c) } : { sql: `${c.sql} = ?`, bindings: bind(c, value) };
}

/** Rows strictly past `value` on one term in the given direction, nulls being last. */
function beyond(term: SortTerm, value: string | null, direction: 'after' | 'before'): Fragment {
  const c = term.column;
  const greater = (term.order === 'ASC') === (direction === 'after');
  if (direction === 'after') {
    if (value === null) return { sql: 'false', bindings: [] };
    return { sql: `(${c.sql} ${greater ? '>' : '<'} ? OR ${c.sql} IS NULL)`, bindings: [...bind(c, value), ...bind(c)] };
  }
  if (value === null) return { sql: `${c.sql} IS NOT NULL`, bindings: bind(c) };
  return { sql: `${c.sql} ${greater ? '>' : '<'} ?`, bindings: bind(c, value) };
}

/**
 * Keeps the rows after (or before) the row whose sort values a cursor holds: the lexicographic
 * comparison over all terms, the last of which is unique. Rows that start or end between two
 * requests then neither repeat nor push others off the next page, as offsets would.
 */
export function whereBeyond(
  qb: Knex.QueryBuilder,
  terms: readonly SortTerm[],
  values: ReadonlyArray<string | null>,
  direction: 'after' | 'before',
): void {
  const alternatives = terms.map((term, i) => {
    const parts = [...terms.slice(0, i).map((t, j) => equal(t, values[j] ?? null)), beyond(term, values[i] ?? null, direction)];
    return { sql: parts.map((p) => p.sql).join(' AND '), bindings: parts.flatMap((p) => p.bindings) };
  });
  qb.whereRaw(
    `(${alternatives.map((a) => `(${a.sql})`).join(' OR ')})`,
    alternatives.flatMap((a) => a.bindings),
  );
}
