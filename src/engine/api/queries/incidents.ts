import type { Knex } from 'knex';
import { ENGINE_SCHEMA } from '../../store/schema.js';
import { col } from '../search/columns.js';
import { dateField, enumField, keyField, stringField } from '../search/filter-fields.js';
import type { SearchSpec } from '../search/spec.js';
import { type Row, iso, tenant, text, textOrNull } from './convert.js';
import { exportedOnly } from './exported.js';

const S = ENGINE_SCHEMA;

export const INCIDENT_ERROR_TYPES = [
  'AD_HOC_SUB_PROCESS_NO_RETRIES',
  'CALLED_DECISION_ERROR',
  'CALLED_ELEMENT_ERROR',
  'CONDITION_ERROR',
  'DECISION_EVALUATION_ERROR',
  'EXECUTION_LISTENER_NO_RETRIES',
  'EXTRACT_VALUE_ERROR',
  'FORM_NOT_FOUND',
  'IO_MAPPING_ERROR',
  'JOB_NO_RETRIES',
  'MESSAGE_SIZE_EXCEEDED',
  'RESOURCE_NOT_FOUND',
  'TASK_LISTENER_NO_RETRIES',
  'UNHANDLED_ERROR_EVENT',
  'UNKNOWN',
  'UNSPECIFIED',
] as const;

export const INCIDENT_STATES = ['ACTIVE', 'MIGRATED', 'PENDING', 'RESOLVED', 'UNKNOWN'] as const;

export const incidentsQuery = (knex: Knex, searchLagMs = 0): Knex.QueryBuilder =>
  exportedOnly(knex(`${S}.incidents as inc`).select('inc.*'), 'inc', searchLagMs);

export function toIncident(r: Row) {
  return {
    processDefinitionId: text(r.bpmn_process_id),
    errorType: text(r.error_type) as (typeof INCIDENT_ERROR_TYPES)[number],
    errorMessage: text(r.error_message ?? ''),
    elementId: text(r.element_id),
    creationTime: iso(r.creation_time),
    state: text(r.state) as (typeof INCIDENT_STATES)[number],
    tenantId: tenant(r.tenant_id),
    incidentKey: text(r.key),
    processDefinitionKey: text(r.definition_key),
    processInstanceKey: text(r.process_instance_key),
    rootProcessInstanceKey: textOrNull(r.root_key),
    elementInstanceKey: text(r.element_instance_key),
    jobKey: textOrNull(r.job_key),
  };
}

export type IncidentItem = ReturnType<typeof toIncident>;

export function incidentSearch(): SearchSpec<IncidentItem> {
  return {
    filters: {
      incidentKey: keyField(col('inc.key')),
      processDefinitionKey: keyField(col('inc.definition_key')),
      processDefinitionId: stringField(col('inc.bpmn_process_id')),
      processInstanceKey: keyField(col('inc.process_instance_key')),
      elementInstanceKey: keyField(col('inc.element_instance_key')),
      elementId: stringField(col('inc.element_id')),
      errorType: enumField(col('inc.error_type'), INCIDENT_ERROR_TYPES),
      errorMessage: stringField(col('inc.error_message')),
      creationTime: dateField(col('inc.creation_time')),
      state: enumField(col('inc.state'), INCIDENT_STATES),
      jobKey: keyField(col('inc.job_key')),
      tenantId: stringField(col('inc.tenant_id')),
    },
    sort: {
      incidentKey: col('inc.key'),
      processDefinitionKey: col('inc.definition_key'),
      processDefinitionId: col('inc.bpmn_process_id'),
      processInstanceKey: col('inc.process_instance_key'),
      errorType: col('inc.error_type'),
      elementId: col('inc.element_id'),
      elementInstanceKey: col('inc.element_instance_key'),
      creationTime: col('inc.creation_time'),
      state: col('inc.state'),
      jobKey: col('inc.job_key'),
      tenantId: col('inc.tenant_id'),
    },
    tiebreak: col('inc.key'),
    map: toIncident,
  };
}
