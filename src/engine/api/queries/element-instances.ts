import type { Knex } from 'knex';
import { ENGINE_SCHEMA } from '../../store/schema.js';
import { col, expr } from '../search/columns.js';
import { boolField, dateField, enumField, keyField, stringField } from '../search/filter-fields.js';
import type { SearchSpec } from '../search/spec.js';
import { type Row, iso, isoOrNull, tenant, text, textOrNull } from './convert.js';
import { INSTANCE_STATES } from './process-instances.js';
import { exportedOnly } from './exported.js';

const S = ENGINE_SCHEMA;

export const ELEMENT_TYPES = [
  'UNSPECIFIED',
  'PROCESS',
  'SUB_PROCESS',
  'EVENT_SUB_PROCESS',
  'AD_HOC_SUB_PROCESS',
  'AD_HOC_SUB_PROCESS_INNER_INSTANCE',
  'START_EVENT',
  'INTERMEDIATE_CATCH_EVENT',
  'INTERMEDIATE_THROW_EVENT',
  'BOUNDARY_EVENT',
  'END_EVENT',
  'SERVICE_TASK',
  'RECEIVE_TASK',
  'USER_TASK',
  'MANUAL_TASK',
  'TASK',
  'EXCLUSIVE_GATEWAY',
  'INCLUSIVE_GATEWAY',
  'PARALLEL_GATEWAY',
  'EVENT_BASED_GATEWAY',
  'SEQUENCE_FLOW',
  'MULTI_INSTANCE_BODY',
  'CALL_ACTIVITY',
  'BUSINESS_RULE_TASK',
  'SCRIPT_TASK',
  'SEND_TASK',
  'UNKNOWN',
] as const;

/**
 * Element instances below the process level: the engine's PROCESS rows (one per process
 * instance) are the process instances themselves, which the API does not list as elements.
 */
export const elementInstancesQuery = (knex: Knex, searchLagMs = 0): Knex.QueryBuilder =>
  exportedOnly(
    knex(`${S}.element_instances as ei`)
      .select(
        'ei.key',
        'ei.root_key',
        'ei.process_instance_key',
        'ei.definition_key',
        'ei.bpmn_process_id',
        'ei.element_id',
        'ei.element_name',
        'ei.type',
        'ei.state',
        'ei.start_date',
        'ei.end_date',
        'ei.incident_key',
        'ei.tenant_id',
      )
      .whereNot('ei.type', 'PROCESS'),
    'ei',
    searchLagMs,
  );

export function toElementInstance(r: Row) {
  return {
    processDefinitionId: text(r.bpmn_process_id),
    startDate: iso(r.start_date),
    endDate: isoOrNull(r.end_date),
    elementId: text(r.element_id),
    elementName: text(r.element_name ?? r.element_id),
    type: text(r.type) as (typeof ELEMENT_TYPES)[number],
    state: text(r.state) as (typeof INSTANCE_STATES)[number],
    hasIncident: r.incident_key !== null && r.incident_key !== undefined,
    tenantId: tenant(r.tenant_id),
    elementInstanceKey: text(r.key),
    processInstanceKey: text(r.process_instance_key),
    rootProcessInstanceKey: textOrNull(r.root_key),
    processDefinitionKey: text(r.definition_key),
    incidentKey: textOrNull(r.incident_key),
  };
}

export type ElementInstanceItem = ReturnType<typeof toElementInstance>;

export function elementInstanceSearch(): SearchSpec<ElementInstanceItem> {
  return {
    filters: {
      elementInstanceKey: keyField(col('ei.key')),
      processInstanceKey: keyField(col('ei.process_instance_key')),
      processDefinitionKey: keyField(col('ei.definition_key')),
      processDefinitionId: stringField(col('ei.bpmn_process_id')),
      elementId: stringField(col('ei.element_id')),
      elementName: stringField(col('ei.element_name')),
      type: enumField(col('ei.type'), ELEMENT_TYPES),
      state: enumField(col('ei.state'), INSTANCE_STATES),
      hasIncident: boolField(expr('(ei.incident_key IS NOT NULL)')),
      incidentKey: keyField(col('ei.incident_key')),
      tenantId: stringField(col('ei.tenant_id')),
      startDate: dateField(col('ei.start_date')),
      endDate: dateField(col('ei.end_date')),
      elementInstanceScopeKey: keyField(col('ei.flow_scope_key')),
    },
    sort: {
      elementInstanceKey: col('ei.key'),
      processInstanceKey: col('ei.process_instance_key'),
      processDefinitionKey: col('ei.definition_key'),
      processDefinitionId: col('ei.bpmn_process_id'),
      startDate: col('ei.start_date'),
      endDate: col('ei.end_date'),
      elementId: col('ei.element_id'),
      elementName: col('ei.element_name'),
      type: col('ei.type'),
      state: col('ei.state'),
      incidentKey: col('ei.incident_key'),
      tenantId: col('ei.tenant_id'),
    },
    tiebreak: col('ei.key'),
    map: toElementInstance,
  };
}
