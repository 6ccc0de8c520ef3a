import type { Knex } from 'knex';

/**
 * The rows that refer to an organisation row, counted per kind ("3 cases"), for the message of a
 * refused deletion. A row with any is kept: the history that names it must stay readable.
 */
export async function referencesTo(
  trx: Knex.Transaction,
  checks: readonly { table: string; column: string; label: string }[],
  id: string,
): Promise<string[]> {
  const found: string[] = [];
  for (const check of checks) {
    const row = await trx(check.table).where(check.column, id).count<{ count: string }[]>('* as count').first();
    const count = Number(row?.count ?? 0);
    if (count > 0) found.push(`${count} ${check.label}`);
  }
  return found;
}
