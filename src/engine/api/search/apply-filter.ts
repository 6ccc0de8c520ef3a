import type { Knex } from 'knex';
import type { SearchSpec } from './spec.js';

/** Adds a parsed filter's conditions: its fields combine with AND, its `$or` alternatives with OR. */
export function applyFilter(qb: Knex.QueryBuilder, spec: SearchSpec<unknown>, filter: Record<string, unknown>): void {
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
