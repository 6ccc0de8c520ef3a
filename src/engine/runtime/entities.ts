import type { ApiElementType } from '../model/types.js';

/** In-memory runtime records of one instance tree; each maps 1:1 onto a row of the engine schema. */

export type InstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

export interface ProcessInstance {
  key: string;
  rootKey: string;
  definitionKey: string;
  bpmnProcessId: string;
  version: number;
  state: InstanceState;
  startDate: Date;
  endDate: Date | null;
  parentProcessInstanceKey: string | null;
  parentElementInstanceKey: string | null;
  hasIncident: boolean;
  tenantId: string;
  /** A root instance started by a message with a non-empty correlation key: that key (see MessageStartLocks). */
  startCorrelationKey: string | null;
}

export type Phase = 'ACTIVATING' | 'ACTIVATED' | 'COMPLETING' | 'COMPLETED' | 'TERMINATED';

/** What an element instance remembers between commands (stored as jsonb). */
export interface ElementRuntime {
  phase: Phase;
  /** Index of the next execution listener of the current phase. */
  listenerIndex: number;
  /** Containers: tokens waiting at joining gateways, by gateway id and incoming flow id. */
  arrivals?: Record<string, Record<string, number>>;
  /** Multi-instance body. */
  loop?: { items: unknown[]; next: number; completed: number };
  /** Inner instance of a multi-instance body. */
  loopCounter?: number;
  /** Gateways: the flows chosen at activation. */
  takenFlows?: string[];
  /** Events activated by a trigger: the variables it carried, applied on completion. */
  trigger?: Record<string, unknown>;
  /** A caught BPMN error's variables stay local to the catch event, reaching further only by its output mappings (Zeebe). */
  localTrigger?: boolean;
  /** Event subprocess: the start event that triggered it. */
  startEventId?: string;
  /** A scope activated by start or modification instructions: the elements to activate in it instead of its start event. */
  startAt?: ActivationPath[];
  /** The step to retry when this element's incident is resolved. */
  retry?: 'activate' | 'behave' | 'complete';
  /** Variables waiting to be applied when a retried completion runs again. */
  pendingVariables?: Record<string, unknown>;
  inputsApplied?: boolean;
  outputsApplied?: boolean;
}

/** An element to activate below a scope: the flow scopes to create on the way (outermost first), then the element; with local variables by element id. */
export interface ActivationPath {
  path: string[];
  variables: Record<string, Record<string, unknown>>;
}

export interface ElementInstance {
  key: string;
  rootKey: string;
  processInstanceKey: string;
  definitionKey: string;
  bpmnProcessId: string;
  elementId: string;
  elementName: string;
  type: ApiElementType;
  flowScopeKey: string | null;
  state: InstanceState;
  startDate: Date;
  endDate: Date | null;
  incidentKey: string | null;
  runtime: ElementRuntime;
  tenantId: string;
}

export interface Variable {
  key: string;
  name: string;
  value: unknown;
  scopeKey: string;
  processInstanceKey: string;
  rootKey: string;
  tenantId: string;
}

/** The element instance a job, user task or incident belongs to, named the same way by each. */
export interface ElementOwner {
  rootKey: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
  definitionKey: string;
  bpmnProcessId: string;
  tenantId: string;
}

export type JobState = 'CREATED' | 'COMPLETED' | 'FAILED' | 'RETRIES_UPDATED' | 'TIMED_OUT' | 'CANCELED' | 'ERROR_THROWN';

export interface Job extends ElementOwner {
  key: string;
  type: string;
  version: number;
  state: JobState;
  kind: 'BPMN_ELEMENT' | 'EXECUTION_LISTENER';
  listenerEventType: 'UNSPECIFIED' | 'START' | 'END';
  retries: number;
  worker: string | null;
  deadline: Date | null;
  retryAt: Date | null;
  errorMessage: string | null;
  errorCode: string | null;
  customHeaders: Record<string, string>;
  /** True while a worker may activate the job (ignoring its lock deadline and back-off). */
  activatable: boolean;
  createdAt: Date;
  endedAt: Date | null;
}

export type UserTaskState = 'CREATED' | 'COMPLETED' | 'CANCELED';

export interface UserTask extends ElementOwner {
  key: string;
  name: string | null;
  version: number;
  processName: string | null;
  state: UserTaskState;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate: Date | null;
  followUpDate: Date | null;
  formKey: string | null;
  externalFormReference: string | null;
  priority: number;
  customHeaders: Record<string, string>;
  creationDate: Date;
  completionDate: Date | null;
}

export type IncidentType =
  | 'JOB_NO_RETRIES'
  | 'EXECUTION_LISTENER_NO_RETRIES'
  | 'UNHANDLED_ERROR_EVENT'
  | 'EXTRACT_VALUE_ERROR'
  | 'IO_MAPPING_ERROR'
  | 'CONDITION_ERROR'
  | 'CALLED_ELEMENT_ERROR'
  | 'FORM_NOT_FOUND';

export interface Incident extends ElementOwner {
  key: string;
  errorType: IncidentType;
  errorMessage: string;
  state: 'ACTIVE' | 'RESOLVED';
  jobKey: string | null;
  creationTime: Date;
}

export interface TimerSpec {
  /** Present for cycles: the ISO interval or the cron expression that computes the next due date. */
  interval?: string;
  cron?: string;
}

/**
 * What names a record a catching event waits on, timer or subscription alike: its instance tree,
 * the element instance that owns it (catch event, gateway, boundary host or event-subprocess
 * scope) and the catching event's element id.
 */
export interface EventOwnership {
  key: string;
  rootKey: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
}

/** Timer start events of a process definition belong to no instance: their ownership is null. */
export interface Timer extends Omit<EventOwnership, 'rootKey' | 'processInstanceKey' | 'elementInstanceKey'> {
  rootKey: string | null;
  processInstanceKey: string | null;
  elementInstanceKey: string | null;
  definitionKey: string;
  dueDate: Date;
  /** Remaining repetitions after this one; -1 repeats forever. */
  repetitions: number;
  spec: TimerSpec;
  state: 'ACTIVE' | 'TRIGGERED' | 'CANCELED';
}

/** An open wait for a message or a signal; CORRELATED once it triggered its event, DELETED when its owner ended first. */
export interface EventSubscription extends EventOwnership {
  bpmnProcessId: string;
  state: 'CREATED' | 'CORRELATED' | 'DELETED';
  createdAt: Date;
}

export interface MessageSubscription extends EventSubscription {
  kind: 'message';
  messageName: string;
  correlationKey: string;
}

export interface SignalSubscription extends EventSubscription {
  kind: 'signal';
  signalName: string;
}

export type Subscription = MessageSubscription | SignalSubscription;

export interface BufferedMessage {
  key: string;
  name: string;
  correlationKey: string;
  messageId: string | null;
  variables: Record<string, unknown>;
  publishedAt: Date;
  expiresAt: Date;
  tenantId: string;
  /** bpmnProcessIds this message was correlated to: at most once each, as in Zeebe. */
  correlatedTo: Set<string>;
}
