import type { Knex } from 'knex';

/**
 * Only the rows a cluster's exporter would have brought to secondary storage by now: those first
 * written at least `lagMs` ago (ENGINE_SEARCH_LAG_MS; 0 shows every row). New instances, tasks,
 * variables, jobs and incidents appear in search late, as on a cluster; changes to rows already
 * there show at once, which a cluster shows late too.
 */
export function exportedOnly(query: Knex.QueryBuilder, alias: string, lagMs: number): Knex.QueryBuilder {
  if (lagMs <= 0) return query;
  return query.where((q) =>
    q
      .whereNull(`${alias}.first_written_at`)
      .orWhereRaw(`?? <= clock_timestamp() - make_interval(secs => ?)`, [`${alias}.first_written_at`, lagMs / 1000]),
  );
}
