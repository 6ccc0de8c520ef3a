import type {
  BufferedMessage,
  ElementInstance,
  Incident,
  Job,
  EventSubscription,
  MessageSubscription,
  SignalSubscription,
  ProcessInstance,
  Timer,
  UserTask,
  Variable,
} from '../runtime/entities.js';
import { stringList } from './string-list.js';

/** Row codecs between runtime records and the engine tables: one place that knows the column names. */

type Row = Record<string, unknown>;
const date = (d: Date | null): string | null => (d ? d.toISOString() : null);
const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));
const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export const processInstanceRow = (p: ProcessInstance): Row => ({
  key: p.key,
  root_key: p.rootKey,
  definition_key: p.definitionKey,
  bpmn_process_id: p.bpmnProcessId,
  version: p.version,
  state: p.state,
  start_date: date(p.startDate),
  end_date: date(p.endDate),
  parent_process_instance_key: p.parentProcessInstanceKey,
  parent_element_instance_key: p.parentElementInstanceKey,
  has_incident: p.hasIncident,
  tenant_id: p.tenantId,
  start_correlation_key: p.startCorrelationKey,
});

export const processInstanceFromRow = (r: Row): ProcessInstance => ({
  key: str(r.key),
  rootKey: str(r.root_key),
  definitionKey: str(r.definition_key),
  bpmnProcessId: str(r.bpmn_process_id),
  version: Number(r.version),
  state: r.state as ProcessInstance['state'],
  startDate: toDate(r.start_date)!,
  endDate: toDate(r.end_date),
  parentProcessInstanceKey: strOrNull(r.parent_process_instance_key),
  parentElementInstanceKey: strOrNull(r.parent_element_instance_key),
  hasIncident: Boolean(r.has_incident),
  tenantId: str(r.tenant_id),
  startCorrelationKey: strOrNull(r.start_correlation_key),
});

export const elementInstanceRow = (e: ElementInstance): Row => ({
  key: e.key,
  root_key: e.rootKey,
  process_instance_key: e.processInstanceKey,
  definition_key: e.definitionKey,
  bpmn_process_id: e.bpmnProcessId,
  element_id: e.elementId,
  element_name: e.elementName,
  type: e.type,
  flow_scope_key: e.flowScopeKey,
  state: e.state,
  start_date: date(e.startDate),
  end_date: date(e.endDate),
  incident_key: e.incidentKey,
  runtime: e.runtime,
  tenant_id: e.tenantId,
});

export const elementInstanceFromRow = (r: Row): ElementInstance => ({
  key: str(r.key),
  rootKey: str(r.root_key),
  processInstanceKey: str(r.process_instance_key),
  definitionKey: str(r.definition_key),
  bpmnProcessId: str(r.bpmn_process_id),
  elementId: str(r.element_id),
  elementName: str(r.element_name),
  type: r.type as ElementInstance['type'],
  flowScopeKey: strOrNull(r.flow_scope_key),
  state: r.state as ElementInstance['state'],
  startDate: toDate(r.start_date)!,
  endDate: toDate(r.end_date),
  incidentKey: strOrNull(r.incident_key),
  runtime: r.runtime as ElementInstance['runtime'],
  tenantId: str(r.tenant_id),
});

export const variableRow = (v: Variable): Row => ({
  key: v.key,
  name: v.name,
  value: JSON.stringify(v.value ?? null),
  scope_key: v.scopeKey,
  process_instance_key: v.processInstanceKey,
  root_key: v.rootKey,
  tenant_id: v.tenantId,
});

export const variableFromRow = (r: Row): Variable => ({
  key: str(r.key),
  name: str(r.name),
  value: JSON.parse(str(r.value)),
  scopeKey: str(r.scope_key),
  processInstanceKey: str(r.process_instance_key),
  rootKey: str(r.root_key),
  tenantId: str(r.tenant_id),
});

export const jobRow = (j: Job): Row => ({
  key: j.key,
  type: j.type,
  root_key: j.rootKey,
  process_instance_key: j.processInstanceKey,
  element_instance_key: j.elementInstanceKey,
  element_id: j.elementId,
  definition_key: j.definitionKey,
  bpmn_process_id: j.bpmnProcessId,
  version: j.version,
  state: j.state,
  kind: j.kind,
  listener_event_type: j.listenerEventType,
  retries: j.retries,
  worker: j.worker,
  deadline: date(j.deadline),
  retry_at: date(j.retryAt),
  error_message: j.errorMessage,
  error_code: j.errorCode,
  custom_headers: j.customHeaders,
  activatable: j.activatable,
  created_at: date(j.createdAt),
  ended_at: date(j.endedAt),
  tenant_id: j.tenantId,
});

export const jobFromRow = (r: Row): Job => ({
  key: str(r.key),
  type: str(r.type),
  rootKey: str(r.root_key),
  processInstanceKey: str(r.process_instance_key),
  elementInstanceKey: str(r.element_instance_key),
  elementId: str(r.element_id),
  definitionKey: str(r.definition_key),
  bpmnProcessId: str(r.bpmn_process_id),
  version: Number(r.version),
  state: r.state as Job['state'],
  kind: r.kind as Job['kind'],
  listenerEventType: r.listener_event_type as Job['listenerEventType'],
  retries: Number(r.retries),
  worker: strOrNull(r.worker),
  deadline: toDate(r.deadline),
  retryAt: toDate(r.retry_at),
  errorMessage: strOrNull(r.error_message),
  errorCode: strOrNull(r.error_code),
  customHeaders: r.custom_headers as Record<string, string>,
  activatable: Boolean(r.activatable),
  createdAt: toDate(r.created_at)!,
  endedAt: toDate(r.ended_at),
  tenantId: str(r.tenant_id),
});

export const userTaskRow = (u: UserTask): Row => ({
  key: u.key,
  root_key: u.rootKey,
  process_instance_key: u.processInstanceKey,
  element_instance_key: u.elementInstanceKey,
  element_id: u.elementId,
  name: u.name,
  definition_key: u.definitionKey,
  bpmn_process_id: u.bpmnProcessId,
  version: u.version,
  process_name: u.processName,
  state: u.state,
  assignee: u.assignee,
  candidate_groups: u.candidateGroups,
  candidate_users: u.candidateUsers,
  due_date: date(u.dueDate),
  follow_up_date: date(u.followUpDate),
  form_key: u.formKey,
  external_form_reference: u.externalFormReference,
  priority: u.priority,
  custom_headers: u.customHeaders,
  creation_date: date(u.creationDate),
  completion_date: date(u.completionDate),
  tenant_id: u.tenantId,
});

export const userTaskFromRow = (r: Row): UserTask => ({
  key: str(r.key),
  rootKey: str(r.root_key),
  processInstanceKey: str(r.process_instance_key),
  elementInstanceKey: str(r.element_instance_key),
  elementId: str(r.element_id),
  name: strOrNull(r.name),
  definitionKey: str(r.definition_key),
  bpmnProcessId: str(r.bpmn_process_id),
  version: Number(r.version),
  processName: strOrNull(r.process_name),
  state: r.state as UserTask['state'],
  assignee: strOrNull(r.assignee),
  candidateGroups: stringList(r.candidate_groups),
  candidateUsers: stringList(r.candidate_users),
  dueDate: toDate(r.due_date),
  followUpDate: toDate(r.follow_up_date),
  formKey: strOrNull(r.form_key),
  externalFormReference: strOrNull(r.external_form_reference),
  priority: Number(r.priority),
  customHeaders: r.custom_headers as Record<string, string>,
  creationDate: toDate(r.creation_date)!,
  completionDate: toDate(r.completion_date),
  tenantId: str(r.tenant_id),
});

export const incidentRow = (i: Incident): Row => ({
  key: i.key,
  root_key: i.rootKey,
  process_instance_key: i.processInstanceKey,
  element_instance_key: i.elementInstanceKey,
  element_id: i.elementId,
  definition_key: i.definitionKey,
  bpmn_process_id: i.bpmnProcessId,
  error_type: i.errorType,
  error_message: i.errorMessage,
  state: i.state,
  job_key: i.jobKey,
  creation_time: date(i.creationTime),
  tenant_id: i.tenantId,
});

export const incidentFromRow = (r: Row): Incident => ({
  key: str(r.key),
  rootKey: str(r.root_key),
  processInstanceKey: str(r.process_instance_key),
  elementInstanceKey: str(r.element_instance_key),
  elementId: str(r.element_id),
  definitionKey: str(r.definition_key),
  bpmnProcessId: str(r.bpmn_process_id),
  errorType: r.error_type as Incident['errorType'],
  errorMessage: str(r.error_message),
  state: r.state as Incident['state'],
  jobKey: strOrNull(r.job_key),
  creationTime: toDate(r.creation_time)!,
  tenantId: str(r.tenant_id),
});

export const timerRow = (t: Timer): Row => ({
  key: t.key,
  root_key: t.rootKey,
  process_instance_key: t.processInstanceKey,
  element_instance_key: t.elementInstanceKey,
  definition_key: t.definitionKey,
  element_id: t.elementId,
  due_date: date(t.dueDate),
  repetitions: t.repetitions,
  spec: t.spec,
  state: t.state,
});

export const timerFromRow = (r: Row): Timer => ({
  key: str(r.key),
  rootKey: strOrNull(r.root_key),
  processInstanceKey: strOrNull(r.process_instance_key),
  elementInstanceKey: strOrNull(r.element_instance_key),
  definitionKey: str(r.definition_key),
  elementId: str(r.element_id),
  dueDate: toDate(r.due_date)!,
  repetitions: Number(r.repetitions),
  spec: r.spec as Timer['spec'],
  state: r.state as Timer['state'],
});

/** The columns every event subscription table has: its owner, its state and when it opened. */
const eventSubscriptionRow = (s: EventSubscription): Row => ({
  key: s.key,
  root_key: s.rootKey,
  process_instance_key: s.processInstanceKey,
  element_instance_key: s.elementInstanceKey,
  element_id: s.elementId,
  bpmn_process_id: s.bpmnProcessId,
  state: s.state,
  created_at: date(s.createdAt),
});

const eventSubscriptionFromRow = (r: Row): EventSubscription => ({
  key: str(r.key),
  rootKey: str(r.root_key),
  processInstanceKey: str(r.process_instance_key),
  elementInstanceKey: str(r.element_instance_key),
  elementId: str(r.element_id),
  bpmnProcessId: str(r.bpmn_process_id),
  state: r.state as EventSubscription['state'],
  createdAt: toDate(r.created_at)!,
});

export const subscriptionRow = (s: MessageSubscription): Row => ({
  ...eventSubscriptionRow(s),
  message_name: s.messageName,
  correlation_key: s.correlationKey,
});

export const subscriptionFromRow = (r: Row): MessageSubscription => ({
  ...eventSubscriptionFromRow(r),
  kind: 'message',
  messageName: str(r.message_name),
  correlationKey: str(r.correlation_key),
});

export const signalSubscriptionRow = (s: SignalSubscription): Row => ({
  ...eventSubscriptionRow(s),
  signal_name: s.signalName,
});

export const signalSubscriptionFromRow = (r: Row): SignalSubscription => ({
  ...eventSubscriptionFromRow(r),
  kind: 'signal',
  signalName: str(r.signal_name),
});

export const messageRow = (m: BufferedMessage): Row => ({
  key: m.key,
  name: m.name,
  correlation_key: m.correlationKey,
  message_id: m.messageId,
  variables: JSON.stringify(m.variables),
  published_at: date(m.publishedAt),
  expires_at: date(m.expiresAt),
  tenant_id: m.tenantId,
});

export const messageFromRow = (r: Row, correlatedTo: string[]): BufferedMessage => ({
  key: str(r.key),
  name: str(r.name),
  correlationKey: str(r.correlation_key),
  messageId: strOrNull(r.message_id),
  variables: JSON.parse(str(r.variables)),
  publishedAt: toDate(r.published_at)!,
  expiresAt: toDate(r.expires_at)!,
  tenantId: str(r.tenant_id),
  correlatedTo: new Set(correlatedTo),
});
