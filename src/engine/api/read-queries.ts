import type { Knex } from 'knex';
import { ENGINE_SCHEMA } from '../store/schema.js';
import type { FieldSpec } from './search.js';

/** Base queries and filterable fields of each searchable resource. */
const S = ENGINE_SCHEMA;

export const processInstanceQuery = (knex: Knex) =>
  knex(`${S}.process_instances as pi`)
    .leftJoin(`${S}.process_definitions as pd`, 'pd.key', 'pi.definition_key')
    .select('pi.*', 'pd.name as definition_name', 'pd.version_tag');

export const processInstanceFields: Record<string, FieldSpec> = {
  processInstanceKey: { column: 'pi.key', type: 'key' },
  processDefinitionId: { column: 'pi.bpmn_process_id', type: 'string' },
  processDefinitionKey: { column: 'pi.definition_key', type: 'key' },
  processDefinitionVersion: { column: 'pi.version', type: 'number' },
  processDefinitionName: { column: 'pd.name', type: 'string' },
  state: { column: 'pi.state', type: 'string' },
  hasIncident: { column: 'pi.has_incident', type: 'boolean' },
  parentProcessInstanceKey: { column: 'pi.parent_process_instance_key', type: 'key' },
  parentElementInstanceKey: { column: 'pi.parent_element_instance_key', type: 'key' },
  rootProcessInstanceKey: { column: 'pi.root_key', type: 'key' },
  startDate: { column: 'pi.start_date', type: 'date' },
  endDate: { column: 'pi.end_date', type: 'date' },
  tenantId: { column: 'pi.tenant_id', type: 'string' },
};

export const processDefinitionFields: Record<string, FieldSpec> = {
  processDefinitionKey: { column: 'key', type: 'key' },
  processDefinitionId: { column: 'bpmn_process_id', type: 'string' },
  name: { column: 'name', type: 'string' },
  version: { column: 'version', type: 'number' },
  versionTag: { column: 'version_tag', type: 'string' },
  resourceName: { column: 'resource_name', type: 'string' },
  tenantId: { column: 'tenant_id', type: 'string' },
  hasStartForm: { column: 'has_start_form', type: 'boolean' },
};

export const elementInstanceFields: Record<string, FieldSpec> = {
  elementInstanceKey: { column: 'key', type: 'key' },
  processInstanceKey: { column: 'process_instance_key', type: 'key' },
  rootProcessInstanceKey: { column: 'root_key', type: 'key' },
  processDefinitionKey: { column: 'definition_key', type: 'key' },
  processDefinitionId: { column: 'bpmn_process_id', type: 'string' },
  elementId: { column: 'element_id', type: 'string' },
  elementName: { column: 'element_name', type: 'string' },
  type: { column: 'type', type: 'string' },
  state: { column: 'state', type: 'string' },
  incidentKey: { column: 'incident_key', type: 'key' },
  startDate: { column: 'start_date', type: 'date' },
  endDate: { column: 'end_date', type: 'date' },
  tenantId: { column: 'tenant_id', type: 'string' },
};

export const variableFields: Record<string, FieldSpec> = {
  variableKey: { column: 'key', type: 'key' },
  name: { column: 'name', type: 'string' },
  value: { column: 'value', type: 'string' },
  scopeKey: { column: 'scope_key', type: 'key' },
  processInstanceKey: { column: 'process_instance_key', type: 'key' },
  rootProcessInstanceKey: { column: 'root_key', type: 'key' },
  tenantId: { column: 'tenant_id', type: 'string' },
};

export const incidentFields: Record<string, FieldSpec> = {
  incidentKey: { column: 'key', type: 'key' },
  processInstanceKey: { column: 'process_instance_key', type: 'key' },
  rootProcessInstanceKey: { column: 'root_key', type: 'key' },
  processDefinitionKey: { column: 'definition_key', type: 'key' },
  processDefinitionId: { column: 'bpmn_process_id', type: 'string' },
  elementInstanceKey: { column: 'element_instance_key', type: 'key' },
  elementId: { column: 'element_id', type: 'string' },
  errorType: { column: 'error_type', type: 'string' },
  errorMessage: { column: 'error_message', type: 'string' },
  state: { column: 'state', type: 'string' },
  jobKey: { column: 'job_key', type: 'key' },
  creationTime: { column: 'creation_time', type: 'date' },
  tenantId: { column: 'tenant_id', type: 'string' },
};

export const userTaskFields: Record<string, FieldSpec> = {
  userTaskKey: { column: 'key', type: 'key' },
  state: { column: 'state', type: 'string' },
  assignee: { column: 'assignee', type: 'string' },
  candidateGroup: { column: 'candidate_groups', type: 'json-array' },
  candidateUser: { column: 'candidate_users', type: 'json-array' },
  elementId: { column: 'element_id', type: 'string' },
  name: { column: 'name', type: 'string' },
  processDefinitionId: { column: 'bpmn_process_id', type: 'string' },
  processDefinitionKey: { column: 'definition_key', type: 'key' },
  processInstanceKey: { column: 'process_instance_key', type: 'key' },
  elementInstanceKey: { column: 'element_instance_key', type: 'key' },
  formKey: { column: 'form_key', type: 'key' },
  priority: { column: 'priority', type: 'number' },
  creationDate: { column: 'creation_date', type: 'date' },
  completionDate: { column: 'completion_date', type: 'date' },
  dueDate: { column: 'due_date', type: 'date' },
  followUpDate: { column: 'follow_up_date', type: 'date' },
  tenantId: { column: 'tenant_id', type: 'string' },
};

export const jobFields: Record<string, FieldSpec> = {
  jobKey: { column: 'key', type: 'key' },
  type: { column: 'type', type: 'string' },
  state: { column: 'state', type: 'string' },
  kind: { column: 'kind', type: 'string' },
  listenerEventType: { column: 'listener_event_type', type: 'string' },
  worker: { column: 'worker', type: 'string' },
  retries: { column: 'retries', type: 'number' },
  processInstanceKey: { column: 'process_instance_key', type: 'key' },
  processDefinitionKey: { column: 'definition_key', type: 'key' },
  processDefinitionId: { column: 'bpmn_process_id', type: 'string' },
  elementInstanceKey: { column: 'element_instance_key', type: 'key' },
  elementId: { column: 'element_id', type: 'string' },
  errorCode: { column: 'error_code', type: 'string' },
  tenantId: { column: 'tenant_id', type: 'string' },
};
