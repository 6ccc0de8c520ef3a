import type { Knex } from 'knex';
import { ENGINE_SCHEMA } from '../../store/schema.js';
import { col, expr } from '../search/columns.js';
import { boolField, enumField, intField, keyField, stringField } from '../search/filter-fields.js';
import { BoolFilter } from '../search/filter-schemas.js';
import type { SearchSpec } from '../search/spec.js';
import { type Row, tenant, text, textOrNull } from './convert.js';

const S = ENGINE_SCHEMA;

/** Deployed process definitions (without their XML, which has its own endpoint). */
export const processDefinitionsQuery = (knex: Knex): Knex.QueryBuilder =>
  knex(`${S}.process_definitions as pd`).select(
    'pd.key',
    'pd.bpmn_process_id',
    'pd.version',
    'pd.name',
    'pd.version_tag',
    'pd.resource_name',
    'pd.has_start_form',
    'pd.tenant_id',
  );

export function toProcessDefinition(r: Row) {
  return {
    name: textOrNull(r.name),
    resourceName: text(r.resource_name),
    version: Number(r.version),
    versionTag: textOrNull(r.version_tag),
    processDefinitionId: text(r.bpmn_process_id),
    tenantId: tenant(r.tenant_id),
    processDefinitionKey: text(r.key),
    hasStartForm: Boolean(r.has_start_form),
    state: 'ACTIVE' as const,
  };
}

export type ProcessDefinitionItem = ReturnType<typeof toProcessDefinition>;

export function processDefinitionSearch(knex: Knex): SearchSpec<ProcessDefinitionItem> {
  return {
    filters: {
      processDefinitionKey: keyField(col('pd.key')),
      processDefinitionId: stringField(col('pd.bpmn_process_id')),
      name: stringField(col('pd.name')),
      version: intField(col('pd.version')),
      versionTag: stringField(col('pd.version_tag')),
      resourceName: stringField(col('pd.resource_name')),
      tenantId: stringField(col('pd.tenant_id')),
      hasStartForm: boolField(col('pd.has_start_form')),
      // Definitions are never deleted or drained by the embedded engine.
      state: enumField(expr(`'ACTIVE'::text`), ['ACTIVE', 'DRAINING', 'DELETED']),
      isLatestVersion: {
        schema: BoolFilter,
        apply: (qb, value) => {
          if (typeof value !== 'boolean') return;
          const latest = knex(`${S}.process_definitions as newer`)
            .max('newer.version')
            .where('newer.bpmn_process_id', knex.ref('pd.bpmn_process_id'))
            .where('newer.tenant_id', knex.ref('pd.tenant_id'));
          qb.where('pd.version', value ? '=' : '<', latest);
        },
      },
    },
    sort: {
      processDefinitionKey: col('pd.key'),
      name: col('pd.name'),
      resourceName: col('pd.resource_name'),
      version: col('pd.version'),
      versionTag: col('pd.version_tag'),
      processDefinitionId: col('pd.bpmn_process_id'),
      tenantId: col('pd.tenant_id'),
    },
    tiebreak: col('pd.key'),
    map: toProcessDefinition,
  };
}
