import type { Knex } from 'knex';
import { ENGINE_SCHEMA } from '../engine/store/schema.js';
import { keyedRowOf, processInstanceKeysOf } from './engine-call.js';

/**
 * The cases a /v2 call touched, as far as its path, request and answer name process instances:
 * each named instance's root instance (a call activity's child belongs to its parent's case) is
 * the case whose pathway it is in the read model. Instances of no case (a test diagram, a case
 * the intake has not attached yet) name none.
 */
export async function casesOfEngineCall(
  knex: Knex,
  input: { path: string; requestBody: unknown; responseBody: unknown },
): Promise<string[]> {
  const rootKeys = new Set<string>();
  const row = keyedRowOf(input.path);
  if (row) {
    const found = await knex(`${ENGINE_SCHEMA}.${row.table}`).where('key', row.key).first('root_key');
    if (found) rootKeys.add(String(found.root_key));
  }
  const instanceKeys = [...processInstanceKeysOf(input.requestBody, input.responseBody)];
  if (instanceKeys.length > 0) {
    const instances = await knex(`${ENGINE_SCHEMA}.process_instances`).whereIn('key', instanceKeys).select('root_key');
    for (const instance of instances) rootKeys.add(String(instance.root_key));
  }
  if (rootKeys.size === 0) return [];
  const cases = await knex('cases')
    .whereIn('process_instance_key', [...rootKeys])
    .select('case_id');
  return cases.map((c: { case_id: string }) => c.case_id);
}
