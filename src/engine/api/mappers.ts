/** Engine table rows → Camunda 8.9 /v2 resource shapes. */
type Row = Record<string, unknown>;

const TENANT = '<default>';
const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const key = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const text = (v: unknown): string => String(v);

export const VARIABLE_PREVIEW_LIMIT = 8192;

export function processDefinition(r: Row) {
  return {
    name: (r.name as string | null) ?? null,
    resourceName: text(r.resource_name),
    version: Number(r.version),
    versionTag: (r.version_tag as string | null) ?? null,
    processDefinitionId: text(r.bpmn_process_id),
    tenantId: text(r.tenant_id ?? TENANT),
    processDefinitionKey: text(r.key),
    hasStartForm: Boolean(r.has_start_form),
    state: 'ACTIVE' as const,
  };
}

export function processInstance(r: Row) {
  return {
    processDefinitionId: text(r.bpmn_process_id),
    processDefinitionName: (r.definition_name as string | null) ?? null,
    processDefinitionVersion: Number(r.version),
    processDefinitionVersionTag: (r.version_tag as string | null) ?? null,
    startDate: iso(r.start_date)!,
    endDate: iso(r.end_date),
    state: r.state as 'ACTIVE' | 'COMPLETED' | 'TERMINATED',
    hasIncident: Boolean(r.has_incident),
    tenantId: text(r.tenant_id ?? TENANT),
    processInstanceKey: text(r.key),
    processDefinitionKey: text(r.definition_key),
    parentProcessInstanceKey: key(r.parent_process_instance_key),
    parentElementInstanceKey: key(r.parent_element_instance_key),
    rootProcessInstanceKey: key(r.root_key),
    tags: [] as string[],
    businessId: null,
  };
}

export function elementInstance(r: Row) {
  return {
    processDefinitionId: text(r.bpmn_process_id),
    startDate: iso(r.start_date)!,
    endDate: iso(r.end_date),
    elementId: text(r.element_id),
    elementName: text(r.element_name),
    type: r.type as string,
    state: r.state as 'ACTIVE' | 'COMPLETED' | 'TERMINATED',
    hasIncident: r.incident_key !== null && r.incident_key !== undefined,
    tenantId: text(r.tenant_id ?? TENANT),
    elementInstanceKey: text(r.key),
    processInstanceKey: text(r.process_instance_key),
    rootProcessInstanceKey: key(r.root_key),
    processDefinitionKey: text(r.definition_key),
    incidentKey: key(r.incident_key),
  };
}

export function variable(r: Row, full: boolean) {
  const value = text(r.value);
  const truncated = !full && value.length > VARIABLE_PREVIEW_LIMIT;
  const base = {
    name: text(r.name),
    tenantId: text(r.tenant_id ?? TENANT),
    variableKey: text(r.key),
    scopeKey: text(r.scope_key),
    processInstanceKey: text(r.process_instance_key),
    rootProcessInstanceKey: key(r.root_key),
    value: truncated ? value.slice(0, VARIABLE_PREVIEW_LIMIT) : value,
  };
  return full ? base : { ...base, isTruncated: truncated };
}

export function incident(r: Row) {
  return {
    processDefinitionId: text(r.bpmn_process_id),
    errorType: r.error_type as string,
    errorMessage: text(r.error_message),
    elementId: text(r.element_id),
    creationTime: iso(r.creation_time)!,
    state: r.state as string,
    tenantId: text(r.tenant_id ?? TENANT),
    incidentKey: text(r.key),
    processDefinitionKey: text(r.definition_key),
    processInstanceKey: text(r.process_instance_key),
    rootProcessInstanceKey: key(r.root_key),
    elementInstanceKey: text(r.element_instance_key),
    jobKey: key(r.job_key),
  };
}

export function userTask(r: Row) {
  return {
    name: (r.name as string | null) ?? null,
    state: r.state as string,
    assignee: (r.assignee as string | null) ?? null,
    elementId: text(r.element_id),
    candidateGroups: (r.candidate_groups as string[]) ?? [],
    candidateUsers: (r.candidate_users as string[]) ?? [],
    processDefinitionId: text(r.bpmn_process_id),
    creationDate: iso(r.creation_date)!,
    completionDate: iso(r.completion_date),
    followUpDate: iso(r.follow_up_date),
    dueDate: iso(r.due_date),
    tenantId: text(r.tenant_id ?? TENANT),
    externalFormReference: (r.external_form_reference as string | null) ?? null,
    processDefinitionVersion: Number(r.version),
    customHeaders: (r.custom_headers as Record<string, string>) ?? {},
    priority: Number(r.priority),
    userTaskKey: text(r.key),
    elementInstanceKey: text(r.element_instance_key),
    processName: (r.process_name as string | null) ?? null,
    processDefinitionKey: text(r.definition_key),
    processInstanceKey: text(r.process_instance_key),
    rootProcessInstanceKey: key(r.root_key),
    formKey: key(r.form_key),
    tags: [] as string[],
  };
}

export function job(r: Row) {
  return {
    customHeaders: (r.custom_headers as Record<string, string>) ?? {},
    elementId: text(r.element_id),
    elementInstanceKey: text(r.element_instance_key),
    errorCode: (r.error_code as string | null) ?? null,
    errorMessage: (r.error_message as string | null) ?? null,
    hasFailedWithRetriesLeft: r.state === 'FAILED' && Number(r.retries) > 0,
    isDenied: null,
    deniedReason: null,
    jobKey: text(r.key),
    kind: r.kind as string,
    listenerEventType: r.listener_event_type as string,
    processDefinitionId: text(r.bpmn_process_id),
    processDefinitionKey: text(r.definition_key),
    processInstanceKey: text(r.process_instance_key),
    rootProcessInstanceKey: key(r.root_key),
    retries: Number(r.retries),
    state: r.state as string,
    tenantId: text(r.tenant_id ?? TENANT),
    type: text(r.type),
    worker: (r.worker as string | null) ?? '',
    deadline: iso(r.deadline),
    endTime: iso(r.ended_at),
    creationTime: iso(r.created_at),
    lastUpdateTime: iso(r.ended_at ?? r.created_at),
  };
}
