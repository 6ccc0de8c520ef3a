import type { Knex } from 'knex';
import { EngineRejection } from '../../errors.js';
import { ENGINE_SCHEMA } from '../../store/schema.js';
import { type Row, iso, isoOrNull, text } from '../queries/convert.js';

const S = ENGINE_SCHEMA;

export type BatchOperationType = 'CANCEL_PROCESS_INSTANCE' | 'RESOLVE_INCIDENT' | 'MIGRATE_PROCESS_INSTANCE' | 'MODIFY_PROCESS_INSTANCE';

/**
 * Runs a batch operation: one command per item, in order, an item the engine rejects counted as
 * failed and the rest still run. Its row is written ACTIVE before the first item and COMPLETED
 * with the counts after the last, so GET /v2/batch-operations/{key} reads how it went. Camunda
 * runs a batch in the background; here it has run by the time its key is answered, which a client
 * polling the batch's state cannot tell apart.
 */
export async function runBatchOperation(
  knex: Knex,
  batch: { type: BatchOperationType; actorId: string | null; itemKeys: string[] },
  apply: (itemKey: string) => Promise<void>,
): Promise<{ batchOperationKey: string; batchOperationType: BatchOperationType }> {
  const { rows } = (await knex.raw(`SELECT nextval('${S}.keys')::text AS key`)) as { rows: Array<{ key: string }> };
  const key = rows[0]!.key;
  await knex(`${S}.batch_operations`).insert({
    key,
    type: batch.type,
    state: 'ACTIVE',
    start_date: new Date(),
    end_date: null,
    actor_id: batch.actorId,
    total_count: batch.itemKeys.length,
    completed_count: 0,
    failed_count: 0,
  });
  let completed = 0;
  let failed = 0;
  for (const itemKey of batch.itemKeys) {
    try {
      await apply(itemKey);
      completed++;
    } catch (error) {
      if (!(error instanceof EngineRejection)) throw error;
      failed++;
    }
  }
  await knex(`${S}.batch_operations`)
    .where({ key })
    .update({ state: 'COMPLETED', end_date: new Date(), completed_count: completed, failed_count: failed });
  return { batchOperationKey: key, batchOperationType: batch.type };
}

export const batchOperationsQuery = (knex: Knex): Knex.QueryBuilder => knex(`${S}.batch_operations as bo`).select('bo.*');

export function toBatchOperation(r: Row) {
  const actorId = r.actor_id === null || r.actor_id === undefined ? null : text(r.actor_id);
  return {
    batchOperationKey: text(r.key),
    state: text(r.state) as 'ACTIVE' | 'COMPLETED',
    batchOperationType: text(r.type) as BatchOperationType,
    startDate: iso(r.start_date),
    endDate: isoOrNull(r.end_date),
    actorType: actorId === null ? null : ('USER' as const),
    actorId,
    operationsTotalCount: Number(r.total_count),
    operationsFailedCount: Number(r.failed_count),
    operationsCompletedCount: Number(r.completed_count),
    errors: [] as never[],
  };
}
