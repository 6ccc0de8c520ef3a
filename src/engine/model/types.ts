/** The executable form of a deployed process: parsed once per deployment, shared by every instance. */

export type ElementKind =
  | 'process'
  | 'subProcess'
  | 'eventSubProcess'
  | 'callActivity'
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'serviceTask'
  | 'sendTask'
  | 'businessRuleTask'
  | 'scriptTask'
  | 'userTask'
  | 'receiveTask'
  | 'manualTask'
  | 'task'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway';

/** The `type` values of the /v2 element-instance resource. */
export type ApiElementType =
  | 'PROCESS'
  | 'SUB_PROCESS'
  | 'EVENT_SUB_PROCESS'
  | 'START_EVENT'
  | 'INTERMEDIATE_CATCH_EVENT'
  | 'INTERMEDIATE_THROW_EVENT'
  | 'BOUNDARY_EVENT'
  | 'END_EVENT'
  | 'SERVICE_TASK'
  | 'RECEIVE_TASK'
  | 'USER_TASK'
  | 'MANUAL_TASK'
  | 'TASK'
  | 'EXCLUSIVE_GATEWAY'
  | 'INCLUSIVE_GATEWAY'
  | 'PARALLEL_GATEWAY'
  | 'EVENT_BASED_GATEWAY'
  | 'MULTI_INSTANCE_BODY'
  | 'CALL_ACTIVITY'
  | 'BUSINESS_RULE_TASK'
  | 'SCRIPT_TASK'
  | 'SEND_TASK';

/** A value that is either static text or a FEEL expression (written with a leading `=`). */
export type ValueExpression = string;

export interface Mapping {
  /** FEEL expression, without the leading `=`. */
  source: string;
  /** Variable name or dotted path. */
  target: string;
}

export interface TimerDefinition {
  kind: 'duration' | 'date' | 'cycle';
  value: ValueExpression;
}

export interface EventDefinition {
  kind: 'none' | 'timer' | 'message' | 'error' | 'terminate' | 'link';
  timer?: TimerDefinition;
  message?: { name: ValueExpression; correlationKey?: ValueExpression };
  /** Error code to throw or catch; undefined on a catch event catches every error. */
  errorCode?: string;
  linkName?: string;
}

export interface JobDefinition {
  type: ValueExpression;
  retries: ValueExpression;
  headers: Record<string, string>;
}

export interface ListenerDefinition {
  type: ValueExpression;
  retries: ValueExpression;
}

export interface UserTaskDefinition {
  formId?: string;
  externalReference?: string;
  assignee?: ValueExpression;
  candidateGroups?: ValueExpression;
  candidateUsers?: ValueExpression;
  dueDate?: ValueExpression;
  followUpDate?: ValueExpression;
  priority?: ValueExpression;
}

export interface CallDefinition {
  processId: ValueExpression;
  propagateAllChildVariables: boolean;
  propagateAllParentVariables: boolean;
}

export interface LoopDefinition {
  sequential: boolean;
  inputCollection: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
}

export interface FlowModel {
  id: string;
  name: string;
  sourceId: string;
  targetId: string;
  /** FEEL condition without the leading `=`. */
  condition?: string;
}

export interface ElementModel {
  id: string;
  name: string;
  kind: ElementKind;
  apiType: ApiElementType;
  /** Id of the process or (event) subprocess this element sits in; null for the process itself. */
  scopeId: string | null;
  incoming: FlowModel[];
  outgoing: FlowModel[];
  defaultFlowId?: string;
  event?: EventDefinition;
  /** Boundary events attached to this activity. */
  boundaryIds: string[];
  attachedToId?: string;
  /** Boundary events: cancelActivity; event subprocess start events: isInterrupting. */
  interrupting: boolean;
  /** Containers (process, subprocesses): their none start event and their event subprocesses. */
  noneStartId?: string;
  eventSubProcessIds: string[];
  /** Containers: the start events (timer, message) to subscribe to when the container is active. */
  inputs: Mapping[];
  outputs: Mapping[];
  job?: JobDefinition;
  userTask?: UserTaskDefinition;
  call?: CallDefinition;
  loop?: LoopDefinition;
  script?: { expression: string; resultVariable: string };
  startListeners: ListenerDefinition[];
  endListeners: ListenerDefinition[];
}

export interface ProcessModel {
  bpmnProcessId: string;
  name: string | null;
  versionTag: string | null;
  elements: Map<string, ElementModel>;
  /** The process's own element (kind 'process'). */
  root: ElementModel;
  /** Message and timer start events at the top level of the process. */
  messageStartIds: string[];
  timerStartIds: string[];
  hasStartForm: boolean;
  /** Link catch events by scope id and link name. */
  linkTargets: Map<string, string>;
}
