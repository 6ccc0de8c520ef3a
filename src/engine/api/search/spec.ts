import type { Knex } from 'knex';
import type { Col } from './columns.js';
import type { FilterField } from './filter-fields.js';

/** One resource's search: its filter fields, sortable columns and the mapping of a row to an API item. */
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
