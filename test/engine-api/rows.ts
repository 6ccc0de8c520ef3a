/**
 * Rows for the engine tables, inserted directly: each builder fills every NOT NULL column with a
 * plausible default that a test overrides where it matters.
 */
import type { Knex } from 'knex';
import { ENGINE_SCHEMA } from '../../src/engine/store/schema.js';

type Row = Record<string, unknown>;

let next = 2251799813690000n;
/** A fresh key, as the engine's key sequence would hand out. */
export function nextKey(): string {
  next += 1n;
  return String(next);
}

export const at = (iso: string): string => new Date(iso).toISOString();

export function definitionRow(overrides: Row = {}): Row {
  return {
    key: nextKey(),
    bpmn_process_id: 'order',
    version: 1,
    name: 'Order',
    version_tag: null,
    resource_name: 'order.bpmn',
    checksum: 'c',
    xml: '<definitions id="d"/>',
    deployment_key: '2251799813680000',
    has_start_form: false,
    tenant_id: '<default>',
    created_at: at('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

export function instanceRow(definition: Row, overrides: Row = {}): Row {
  const key = (overrides.key as string | undefined) ?? nextKey();
  return {
    key,
    root_key: key,
    definition_key: definition.key,
    bpmn_process_id: definition.bpmn_process_id,
    version: definition.version,
    state: 'ACTIVE',
    start_date: at('2026-01-01T10:00:00Z'),
    end_date: null,
    parent_process_instance_key: null,
    parent_element_instance_key: null,
    has_incident: false,
    tenant_id: '<default>',
    ...overrides,
  };
}

export function elementRow(instance: Row, overrides: Row = {}): Row {
  return {
    key: nextKey(),
    root_key: instance.root_key,
    process_instance_key: instance.key,
    definition_key: instance.definition_key,
    bpmn_process_id: instance.bpmn_process_id,
    element_id: 'task',
    element_name: 'Task',
    type: 'SERVICE_TASK',
    flow_scope_key: instance.key,
    state: 'ACTIVE',
    start_date: at('2026-01-01T10:00:01Z'),
    end_date: null,
    incident_key: null,
    runtime: {},
    tenant_id: '<default>',
    ...overrides,
  };
}

/** The PROCESS element row the engine keeps for every process instance (its key is the instance key). */
export function processElementRow(instance: Row): Row {
  return elementRow(instance, {
    key: instance.key,
    element_id: instance.bpmn_process_id,
    element_name: 'Order',
    type: 'PROCESS',
    flow_scope_key: null,
  });
}

export function variableRow(instance: Row, name: string, value: unknown, overrides: Row = {}): Row {
  return {
    key: nextKey(),
    name,
    value: JSON.stringify(value),
    scope_key: instance.key,
    process_instance_key: instance.key,
    root_key: instance.root_key,
    tenant_id: '<default>',
    ...overrides,
  };
}

export function jobRow(element: Row, overrides: Row = {}): Row {
  return {
    key: nextKey(),
    type: 'work',
    root_key: element.root_key,
    process_instance_key: element.process_instance_key,
    element_instance_key: element.key,
    element_id: element.element_id,
    definition_key: element.definition_key,
    bpmn_process_id: element.bpmn_process_id,
    version: 1,
    state: 'CREATED',
    kind: 'BPMN_ELEMENT',
    listener_event_type: 'UNSPECIFIED',
    retries: 3,
    worker: null,
    deadline: null,
    retry_at: null,
    error_message: null,
    error_code: null,
    custom_headers: JSON.stringify({ region: 'north' }),
    activatable: true,
    created_at: at('2026-01-01T10:00:02Z'),
    ended_at: null,
    tenant_id: '<default>',
    ...overrides,
  };
}

export function userTaskRow(element: Row, overrides: Row = {}): Row {
  return {
    key: nextKey(),
    root_key: element.root_key,
    process_instance_key: element.process_instance_key,
    element_instance_key: element.key,
    element_id: element.element_id,
    name: 'Review',
    definition_key: element.definition_key,
    bpmn_process_id: element.bpmn_process_id,
    version: 1,
    process_name: 'Order',
    state: 'CREATED',
    assignee: null,
    candidate_groups: JSON.stringify([]),
    candidate_users: JSON.stringify([]),
    due_date: null,
    follow_up_date: null,
    form_key: null,
    external_form_reference: null,
    priority: 50,
    custom_headers: JSON.stringify({}),
    creation_date: at('2026-01-01T10:00:03Z'),
    completion_date: null,
    tenant_id: '<default>',
    ...overrides,
  };
}

export function incidentRow(element: Row, overrides: Row = {}): Row {
  return {
    key: nextKey(),
    root_key: element.root_key,
    process_instance_key: element.process_instance_key,
    element_instance_key: element.key,
    element_id: element.element_id,
    definition_key: element.definition_key,
    bpmn_process_id: element.bpmn_process_id,
    error_type: 'JOB_NO_RETRIES',
    error_message: 'No more retries left.',
    state: 'ACTIVE',
    job_key: null,
    creation_time: at('2026-01-01T10:00:04Z'),
    tenant_id: '<default>',
    ...overrides,
  };
}

export function formRow(overrides: Row = {}): Row {
  return {
    key: nextKey(),
    form_id: 'review-form',
    version: 1,
    resource_name: 'review.form',
    checksum: 'c',
    schema: JSON.stringify({ id: 'review-form', components: [] }),
    deployment_key: '2251799813680000',
    tenant_id: '<default>',
    ...overrides,
  };
}

export async function insert(knex: Knex, table: string, ...rows: Row[]): Promise<void> {
  if (rows.length > 0) await knex(`${ENGINE_SCHEMA}.${table}`).insert(rows);
}
