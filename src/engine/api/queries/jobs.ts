import type { Knex } from 'knex';
import { ENGINE_SCHEMA } from '../../store/schema.js';
import { col, expr } from '../search/columns.js';
import { absentStringField, boolField, dateField, enumField, intField, keyField, stringField } from '../search/filter-fields.js';
import { BoolFilter } from '../search/filter-schemas.js';
import type { SearchSpec } from '../search/spec.js';
import { type Row, isoOrNull, stringRecord, tenant, text, textOrNull } from './convert.js';
import { exportedOnly } from './exported.js';

const S = ENGINE_SCHEMA;

export const JOB_STATES = [
  'CANCELED',
  'COMPLETED',
  'CREATED',
  'ERROR_THROWN',
  'FAILED',
  'MIGRATED',
  'RETRIES_UPDATED',
  'TIMED_OUT',
] as const;
export const JOB_KINDS = ['BPMN_ELEMENT', 'EXECUTION_LISTENER', 'TASK_LISTENER', 'AD_HOC_SUB_PROCESS'] as const;
export const LISTENER_EVENT_TYPES = [
  'ASSIGNING',
  'CANCELING',
  'COMPLETING',
  'CREATING',
  'END',
  'START',
  'UNSPECIFIED',
  'UPDATING',
] as const;

const FAILED_WITH_RETRIES_LEFT = `("j"."state" = 'FAILED' AND "j"."retries" > 0)`;
const LAST_UPDATE = 'COALESCE("j"."ended_at", "j"."created_at")';

export const jobsQuery = (knex: Knex, searchLagMs = 0): Knex.QueryBuilder =>
  exportedOnly(knex(`${S}.jobs as j`).select('j.*'), 'j', searchLagMs);

export function toJob(r: Row) {
  return {
    customHeaders: stringRecord(r.custom_headers),
    deadline: isoOrNull(r.deadline),
    deniedReason: null,
    elementId: textOrNull(r.element_id),
    elementInstanceKey: text(r.element_instance_key),
    endTime: isoOrNull(r.ended_at),
    errorCode: textOrNull(r.error_code),
    errorMessage: textOrNull(r.error_message),
    hasFailedWithRetriesLeft: r.state === 'FAILED' && Number(r.retries) > 0,
    isDenied: null,
    jobKey: text(r.key),
    kind: text(r.kind) as (typeof JOB_KINDS)[number],
    listenerEventType: text(r.listener_event_type) as (typeof LISTENER_EVENT_TYPES)[number],
    processDefinitionId: text(r.bpmn_process_id),
    processDefinitionKey: text(r.definition_key),
    processInstanceKey: text(r.process_instance_key),
    rootProcessInstanceKey: textOrNull(r.root_key),
    retries: Number(r.retries),
    state: text(r.state) as (typeof JOB_STATES)[number],
    tenantId: tenant(r.tenant_id),
    type: text(r.type),
    worker: textOrNull(r.worker) ?? '',
    creationTime: isoOrNull(r.created_at),
    lastUpdateTime: isoOrNull(r.ended_at ?? r.created_at),
  };
}

export type JobItem = ReturnType<typeof toJob>;

export function jobSearch(): SearchSpec<JobItem> {
  return {
    filters: {
      jobKey: keyField(col('j.key')),
      type: stringField(col('j.type')),
      worker: stringField(col('j.worker')),
      state: enumField(col('j.state'), JOB_STATES),
      kind: enumField(col('j.kind'), JOB_KINDS),
      listenerEventType: enumField(col('j.listener_event_type'), LISTENER_EVENT_TYPES),
      retries: intField(col('j.retries')),
      deadline: dateField(col('j.deadline')),
      endTime: dateField(col('j.ended_at')),
      creationTime: dateField(col('j.created_at')),
      lastUpdateTime: dateField(expr(LAST_UPDATE)),
      errorCode: stringField(col('j.error_code')),
      errorMessage: stringField(col('j.error_message')),
      hasFailedWithRetriesLeft: boolField(expr(FAILED_WITH_RETRIES_LEFT)),
      processInstanceKey: keyField(col('j.process_instance_key')),
      processDefinitionKey: keyField(col('j.definition_key')),
      processDefinitionId: stringField(col('j.bpmn_process_id')),
      elementInstanceKey: keyField(col('j.element_instance_key')),
      elementId: stringField(col('j.element_id')),
      tenantId: stringField(col('j.tenant_id')),
      // Task-listener denials do not exist in the embedded engine: null on every job.
      deniedReason: absentStringField(),
      isDenied: {
        schema: BoolFilter,
        apply: (qb, value) => {
          if (typeof value === 'boolean') qb.whereRaw('false');
        },
      },
    },
    sort: {
      deadline: col('j.deadline'),
      deniedReason: expr('NULL'),
      elementId: col('j.element_id'),
      elementInstanceKey: col('j.element_instance_key'),
      endTime: col('j.ended_at'),
      errorCode: col('j.error_code'),
      errorMessage: col('j.error_message'),
      hasFailedWithRetriesLeft: expr(FAILED_WITH_RETRIES_LEFT),
      isDenied: expr('NULL'),
      jobKey: col('j.key'),
      kind: col('j.kind'),
      listenerEventType: col('j.listener_event_type'),
      processDefinitionId: col('j.bpmn_process_id'),
      processDefinitionKey: col('j.definition_key'),
      processInstanceKey: col('j.process_instance_key'),
      retries: col('j.retries'),
      state: col('j.state'),
      tenantId: col('j.tenant_id'),
      type: col('j.type'),
      worker: col('j.worker'),
    },
    tiebreak: col('j.key'),
    map: toJob,
  };
}
