import type { CommitCompanion } from '../engine/store/writer.js';
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

/** Writes a /v2 call to the use log; resolves once its rows are committed. */
export type EngineCallLog = (cases: EngineCallCases, call: Omit<AuditEngineCall, 'caseIds'>) => Promise<void>;

/** A call as the use log's companion statement reads it from its JSON parameter. */
interface CallRow {
  actor_id: string;
  actor_role: string;
  action: string;
  resource: string;
  register: string;
  engine_method: string;
  engine_path: string;
  engine_status: number;
  instance_keys: string[];
  row_table: string | null;
  row_key: string | null;
}

/** Each named row's root instance: a lookup per table, of which only the row's own table answers. */
const NAMED_ROOTS = ENGINE_KEYED_TABLES.map(
  (table) => `SELECT root_key FROM ${ENGINE_SCHEMA}.${table} WHERE c.row_table = '${table}' AND key = c.row_key`,
).join(' UNION ');

/**
 * The /v2 use log's rows as a companion of the engine's group commit: the calls of one commit
 * tick are one data-modifying query of the engine's statement, not a statement each. Each call is
 * logged once for each case it touched, or once without a case: each named row's and instance's
 * root instance (a call activity's child belongs to its parent's case) is the case whose pathway
 * it is. A call is logged after the engine committed what it did, so the lookups see its rows.
 */
export const ENGINE_CALL_LOG: CommitCompanion = {
  name: 'engine_call_log',
  insertSql: (
    rows,
  ) => `INSERT INTO audit_log (actor_id, actor_role, case_id, action, resource, register, basis, engine_method, engine_path, engine_status)
    SELECT c.actor_id, c.actor_role, t.case_id, c.action, c.resource, c.register, 'WORK_TASK', c.engine_method, c.engine_path, c.engine_status
    FROM json_to_recordset(${rows}) AS c(actor_id text, actor_role text, action text, resource text, register text,
      engine_method text, engine_path text, engine_status int, instance_keys bigint[], row_table text, row_key bigint)
    CROSS JOIN LATERAL (
      WITH roots AS (SELECT root_key FROM ${ENGINE_SCHEMA}.process_instances WHERE key = ANY(c.instance_keys) UNION ${NAMED_ROOTS}),
      found AS (SELECT case_id FROM cases WHERE process_instance_key IN (SELECT root_key::text FROM roots))
      SELECT case_id FROM found UNION ALL SELECT NULL::uuid WHERE NOT EXISTS (SELECT 1 FROM found)
    ) t`,
};

/** The use log writing through the engine's group commit (`append`: the embedded engine's appendToCommit). */
export function engineCallLogOf(append: (companion: CommitCompanion, row: unknown) => Promise<void>): EngineCallLog {
  return (cases, call) => {
    if (cases.row && !(ENGINE_KEYED_TABLES as readonly string[]).includes(cases.row.table)) {
      return Promise.reject(new Error(`not an engine table: ${cases.row.table}`));
    }
    const row: CallRow = {
      actor_id: call.actor.id,
      actor_role: call.actor.role,
      action: call.action,
      resource: call.resource,
      register: call.register,
      engine_method: call.call.method,
      engine_path: call.call.path,
      engine_status: call.call.status,
      instance_keys: [...cases.instanceKeys],
      row_table: cases.row?.table ?? null,
      row_key: cases.row?.key ?? null,
    };
    return append(ENGINE_CALL_LOG, row);
  };
}
