import type { Knex } from 'knex';
import { ENGINE_SCHEMA } from '../engine/store/schema.js';
import type { AuditEngineCall } from './audit-repository.js';

/** The engine rows a /v2 call may name by its path, by table. */
export const ENGINE_KEYED_TABLES = ['process_instances', 'user_tasks', 'jobs', 'incidents', 'element_instances', 'variables'] as const;

export interface EngineCallCases {
  /** The row the call's path names, e.g. user_tasks 123 of `/user-tasks/123/completion`. */
  row?: { table: (typeof ENGINE_KEYED_TABLES)[number]; key: string };
  /** The process instances its request or answer names (engine keys: digits). */
  instanceKeys: readonly string[];
}

/**
 * Writes a /v2 call to the use log once for each case it touched, or once without a case, in one
 * statement: each named row's and instance's root instance (a call activity's child belongs to
 * its parent's case) is the case whose pathway it is. One round trip where the lookups and the
 * insert took up to four, on every call the engine answers.
 */
export async function logEngineCallOfCases(knex: Knex, cases: EngineCallCases, call: Omit<AuditEngineCall, 'caseIds'>): Promise<void> {
  const roots = [`SELECT root_key FROM ${ENGINE_SCHEMA}.process_instances WHERE key = ANY(?::bigint[])`];
  const bindings: Knex.RawBinding[] = [`{${cases.instanceKeys.join(',')}}`];
  if (cases.row) {
    if (!(ENGINE_KEYED_TABLES as readonly string[]).includes(cases.row.table)) throw new Error(`not an engine table: ${cases.row.table}`);
    roots.push(`SELECT root_key FROM ${ENGINE_SCHEMA}.${cases.row.table} WHERE key = ?::bigint`);
    bindings.push(cases.row.key);
  }
  await knex.raw(
    `WITH roots AS (${roots.join(' UNION ')}),
     found AS (SELECT case_id FROM cases WHERE process_instance_key IN (SELECT root_key::text FROM roots)),
     targets AS (SELECT case_id FROM found UNION ALL SELECT NULL::uuid WHERE NOT EXISTS (SELECT 1 FROM found))
     INSERT INTO audit_log (actor_id, actor_role, case_id, action, resource, register, basis, engine_method, engine_path, engine_status)
     SELECT ?, ?, case_id, ?, ?, ?, 'WORK_TASK', ?, ?, ? FROM targets`,
    [
      ...bindings,
      call.actor.id,
      call.actor.role,
      call.action,
      call.resource,
      call.register,
      call.call.method,
      call.call.path,
      call.call.status,
    ],
  );
}
