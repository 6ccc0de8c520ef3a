import type { Knex } from 'knex';

/**
 * Runs a dashboard read in a read-only transaction without parallel workers. Its plans join a
 * few summary rows to a few hundred rows of the period's first and last hours; the planner
 * would start workers for those, and on a busy machine waiting for them takes 50–100 ms of a
 * query whose own work is a millisecond or two.
 */
export async function serialRead<T>(knex: Knex, read: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return knex.transaction(
    async (trx) => {
      await trx.raw('SET LOCAL max_parallel_workers_per_gather = 0');
      return read(trx);
    },
    { readOnly: true },
  );
}
