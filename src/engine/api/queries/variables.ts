import type { Knex } from 'knex';
import { ENGINE_SCHEMA } from '../../store/schema.js';
import { col, expr } from '../search/columns.js';
import { boolField, keyField, stringField, variableValueField } from '../search/filter-fields.js';
import type { SearchSpec } from '../search/spec.js';
import { type Row, tenant, text, textOrNull } from './convert.js';
import { exportedOnly } from './exported.js';

const S = ENGINE_SCHEMA;

/** Search results carry at most this many characters of a value (`isTruncated` tells); GET returns it whole. */
export const VARIABLE_PREVIEW_LIMIT = 8192;

export const variablesQuery = (knex: Knex, searchLagMs = 0): Knex.QueryBuilder =>
  exportedOnly(knex(`${S}.variables as v`).select('v.*'), 'v', searchLagMs);

/** A variable as GET /v2/variables/{key} answers it: the full value (JSON text). */
export function toVariable(r: Row) {
  return {
    name: text(r.name),
    tenantId: tenant(r.tenant_id),
    variableKey: text(r.key),
    scopeKey: text(r.scope_key),
    processInstanceKey: text(r.process_instance_key),
    rootProcessInstanceKey: textOrNull(r.root_key),
    value: text(r.value),
  };
}

/** A variable as searches answer it: the value cut at the preview limit unless truncation is off. */
export function toVariableSearchItem(r: Row, truncate: boolean) {
  const full = toVariable(r);
  const isTruncated = truncate && full.value.length > VARIABLE_PREVIEW_LIMIT;
  return { ...full, value: isTruncated ? full.value.slice(0, VARIABLE_PREVIEW_LIMIT) : full.value, isTruncated };
}

export type VariableSearchItem = ReturnType<typeof toVariableSearchItem>;

export const VARIABLE_SORT = {
  value: col('v.value'),
  name: col('v.name'),
  tenantId: col('v.tenant_id'),
  variableKey: col('v.key'),
  scopeKey: col('v.scope_key'),
  processInstanceKey: col('v.process_instance_key'),
};

export function variableSearch(truncate: boolean): SearchSpec<VariableSearchItem> {
  return {
    filters: {
      name: stringField(col('v.name')),
      value: variableValueField(col('v.value')),
      tenantId: stringField(col('v.tenant_id')),
      isTruncated: boolField(truncate ? expr(`(length("v"."value") > ${VARIABLE_PREVIEW_LIMIT})`) : expr('false')),
      variableKey: keyField(col('v.key')),
      scopeKey: keyField(col('v.scope_key')),
      processInstanceKey: keyField(col('v.process_instance_key')),
    },
    sort: VARIABLE_SORT,
    tiebreak: col('v.key'),
    map: (r) => toVariableSearchItem(r, truncate),
  };
}

/** POST /v2/user-tasks/{key}/variables/search: only the name can be filtered. */
export function userTaskVariableSearch(truncate: boolean): SearchSpec<VariableSearchItem> {
  return {
    filters: { name: stringField(col('v.name')) },
    sort: VARIABLE_SORT,
    tiebreak: col('v.key'),
    map: (r) => toVariableSearchItem(r, truncate),
  };
}

/**
 * The scopes visible from an element instance: itself and its flow scopes up to the process
 * instance (whose element key is the process instance key).
 */
export async function visibleScopes(knex: Knex, elementInstanceKey: string, processInstanceKey: string): Promise<string[]> {
  const result = await knex.raw<{ rows: Array<{ key: string }> }>(
    `WITH RECURSIVE scope_chain(key, flow_scope_key) AS (
       SELECT key, flow_scope_key FROM ${S}.element_instances WHERE key = ?
       UNION
       SELECT parent.key, parent.flow_scope_key FROM ${S}.element_instances parent JOIN scope_chain child ON parent.key = child.flow_scope_key
     )
     SELECT key FROM scope_chain`,
    [elementInstanceKey],
  );
  return [...new Set([elementInstanceKey, processInstanceKey, ...result.rows.map((r) => String(r.key))])];
}
