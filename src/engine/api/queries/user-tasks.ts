import type { Knex } from 'knex';
import { ENGINE_SCHEMA } from '../../store/schema.js';
import { col, expr } from '../search/columns.js';
import {
  absentTagsField,
  dateField,
  enumField,
  intField,
  keyField,
  stringArrayField,
  stringField,
  variableField,
} from '../search/filter-fields.js';
import type { SearchSpec } from '../search/spec.js';
import { type Row, iso, isoOrNull, stringList, stringRecord, tenant, text, textOrNull } from './convert.js';
import { exportedOnly } from './exported.js';

const S = ENGINE_SCHEMA;

/**
 * A JSONB candidate list as an array, whichever way it was stored: a JSON array, or a JSON string
 * holding the array's text (what `json_populate_recordset` makes of a pre-stringified array).
 */
const candidates = (column: 'candidate_groups' | 'candidate_users') =>
  expr(
    `(CASE jsonb_typeof("ut"."${column}") WHEN 'array' THEN "ut"."${column}" ` +
      `WHEN 'string' THEN ("ut"."${column}" #>> '{}')::jsonb ELSE '[]'::jsonb END)`,
  );

export const USER_TASK_STATES = [
  'CREATING',
  'CREATED',
  'ASSIGNING',
  'UPDATING',
  'COMPLETING',
  'COMPLETED',
  'CANCELING',
  'CANCELED',
  'FAILED',
] as const;

export const userTasksQuery = (knex: Knex, searchLagMs = 0): Knex.QueryBuilder =>
  exportedOnly(knex(`${S}.user_tasks as ut`).select('ut.*'), 'ut', searchLagMs);

export function toUserTask(r: Row) {
  return {
    name: textOrNull(r.name),
    state: text(r.state) as (typeof USER_TASK_STATES)[number],
    assignee: textOrNull(r.assignee),
    elementId: text(r.element_id),
    candidateGroups: stringList(r.candidate_groups),
    candidateUsers: stringList(r.candidate_users),
    processDefinitionId: text(r.bpmn_process_id),
    creationDate: iso(r.creation_date),
    completionDate: isoOrNull(r.completion_date),
    followUpDate: isoOrNull(r.follow_up_date),
    dueDate: isoOrNull(r.due_date),
    tenantId: tenant(r.tenant_id),
    externalFormReference: textOrNull(r.external_form_reference),
    processDefinitionVersion: Number(r.version),
    customHeaders: stringRecord(r.custom_headers),
    priority: r.priority === null || r.priority === undefined ? 50 : Number(r.priority),
    userTaskKey: text(r.key),
    elementInstanceKey: text(r.element_instance_key),
    processName: textOrNull(r.process_name),
    processDefinitionKey: text(r.definition_key),
    processInstanceKey: text(r.process_instance_key),
    rootProcessInstanceKey: textOrNull(r.root_key),
    formKey: textOrNull(r.form_key),
    tags: [] as string[],
  };
}

export type UserTaskItem = ReturnType<typeof toUserTask>;

export function userTaskSearch(knex: Knex): SearchSpec<UserTaskItem> {
  return {
    filters: {
      userTaskKey: keyField(col('ut.key')),
      state: enumField(col('ut.state'), USER_TASK_STATES),
      assignee: stringField(col('ut.assignee')),
      priority: intField(col('ut.priority')),
      elementId: stringField(col('ut.element_id')),
      name: stringField(col('ut.name')),
      candidateGroup: stringArrayField(candidates('candidate_groups')),
      candidateUser: stringArrayField(candidates('candidate_users')),
      tenantId: stringField(col('ut.tenant_id')),
      processDefinitionId: stringField(col('ut.bpmn_process_id')),
      processDefinitionKey: keyField(col('ut.definition_key')),
      processInstanceKey: keyField(col('ut.process_instance_key')),
      elementInstanceKey: keyField(col('ut.element_instance_key')),
      creationDate: dateField(col('ut.creation_date')),
      completionDate: dateField(col('ut.completion_date')),
      followUpDate: dateField(col('ut.follow_up_date')),
      dueDate: dateField(col('ut.due_date')),
      // Variables of the process instance's root scope, and of the task's own scope.
      processInstanceVariables: variableField(knex, `${S}.variables`, (sub) =>
        sub.where('var.scope_key', knex.ref('ut.process_instance_key')),
      ),
      localVariables: variableField(knex, `${S}.variables`, (sub) => sub.where('var.scope_key', knex.ref('ut.element_instance_key'))),
      tags: absentTagsField(),
    },
    sort: {
      creationDate: col('ut.creation_date'),
      completionDate: col('ut.completion_date'),
      followUpDate: col('ut.follow_up_date'),
      dueDate: col('ut.due_date'),
      priority: col('ut.priority'),
      name: col('ut.name'),
    },
    tiebreak: col('ut.key'),
    map: toUserTask,
  };
}
