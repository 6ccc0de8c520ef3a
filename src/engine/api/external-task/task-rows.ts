import type { Knex } from 'knex';
import { ENGINE_SCHEMA as S } from '../../store/schema.js';
import { isLong } from '../validation.js';
import { toTypedVariables, type TypedValue } from './typed-variables.js';

/** A job as Camunda 7 shows an external task (ExternalTaskDto); the job's key is the task's id. */
export interface ExternalTaskDto {
  id: string;
  topicName: string;
  workerId: string | null;
  lockExpirationTime: string | null;
  createTime: string;
  processInstanceId: string;
  executionId: string;
  activityId: string;
  activityInstanceId: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersionTag: null;
  retries: number;
  errorMessage: string | null;
  errorDetails: null;
  suspended: false;
  priority: 0;
  tenantId: null;
  businessKey: null;
}

/** What fetchAndLock hands a worker besides the task: its variables, headers and (not in Camunda 7) listener event. */
export interface LockedExternalTaskDto extends ExternalTaskDto {
  variables: Record<string, TypedValue>;
  extensionProperties: Record<string, string>;
  /** The embedded engine's own addition: START or END for an execution listener's job, as Camunda 8 reports it. */
  listenerEventType: 'START' | 'END' | 'UNSPECIFIED';
}

export type JobRow = Record<string, unknown>;

/** A job's row, if the id is one of an open job (not completed, cancelled, or ended by a caught BPMN error). */
export async function openJobRow(knex: Knex, id: string): Promise<JobRow | undefined> {
  if (!/^[0-9]+$/.test(id) || !isLong(id)) return undefined;
  const row = (await knex(`${S}.jobs`).where({ key: id }).whereNull('ended_at').first()) as JobRow | undefined;
  return row;
}

/** Camunda 7's date format: yyyy-MM-dd'T'HH:mm:ss.SSSZ, in UTC. */
export function camunda7Date(date: Date): string {
  return date.toISOString().replace(/Z$/, '+0000');
}

export function toExternalTask(row: JobRow): ExternalTaskDto {
  const deadline = row.deadline as Date | null;
  return {
    id: String(row.key),
    topicName: String(row.type),
    workerId: deadline ? ((row.worker as string | null) ?? null) : null,
    lockExpirationTime: deadline ? camunda7Date(deadline) : null,
    createTime: camunda7Date(row.created_at as Date),
    processInstanceId: String(row.process_instance_key),
    executionId: String(row.element_instance_key),
    activityId: String(row.element_id),
    activityInstanceId: String(row.element_instance_key),
    processDefinitionId: String(row.definition_key),
    processDefinitionKey: String(row.bpmn_process_id),
    processDefinitionVersionTag: null,
    retries: Number(row.retries),
    errorMessage: (row.error_message as string | null) ?? null,
    errorDetails: null,
    suspended: false,
    priority: 0,
    tenantId: null,
    businessKey: null,
  };
}

export function toLockedExternalTask(row: JobRow, variables: Record<string, unknown>): LockedExternalTaskDto {
  const listener = row.listener_event_type;
  return {
    ...toExternalTask(row),
    variables: toTypedVariables(variables),
    extensionProperties: (row.custom_headers as Record<string, string> | null) ?? {},
    listenerEventType: listener === 'START' || listener === 'END' ? listener : 'UNSPECIFIED',
  };
}

/** The variables set in these element instances' own scopes (a topic's localVariables), by element instance key. */
export async function localVariablesOf(knex: Knex, elementInstanceKeys: string[]): Promise<Map<string, Record<string, unknown>>> {
  const byScope = new Map<string, Record<string, unknown>>(elementInstanceKeys.map((key) => [key, {}]));
  if (elementInstanceKeys.length === 0) return byScope;
  const rows = await knex(`${S}.variables`).select('scope_key', 'name', 'value').whereIn('scope_key', elementInstanceKeys);
  for (const row of rows as Array<{ scope_key: string | number; name: string; value: string }>) {
    byScope.get(String(row.scope_key))![row.name] = JSON.parse(row.value);
  }
  return byScope;
}
