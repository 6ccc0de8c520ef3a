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

export interface MessageDefinition {
  name: ValueExpression;
  correlationKey?: ValueExpression;
}

export type EventDefinition =
  | { kind: 'none' }
  | { kind: 'timer'; timer: TimerDefinition }
  | { kind: 'message'; message: MessageDefinition }
  | {
      kind: 'error';
      /** Error code to throw or catch; undefined on a catch event catches every error. */
      errorCode?: string;
    }
  | { kind: 'terminate' }
  | {
      kind: 'signal';
      /** Static text or `=FEEL`, evaluated when the event is entered; static on a process's signal start event. */
      signalName: ValueExpression;
    }
  | { kind: 'link'; linkName: string };

export type EventDefinitionKind = EventDefinition['kind'];

export type EventOfKind<K extends EventDefinitionKind> = Extract<EventDefinition, { kind: K }>;

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

export interface ElementCommon<K extends ElementKind> {
  id: string;
  name: string;
  kind: K;
  apiType: ApiElementType;
  /** Id of the process or (event) subprocess this element sits in; null for the process itself. */
  scopeId: string | null;
  incoming: FlowModel[];
  outgoing: FlowModel[];
  inputs: Mapping[];
  outputs: Mapping[];
  startListeners: ListenerDefinition[];
  endListeners: ListenerDefinition[];
}

/** Activities may carry boundary events and multi-instance characteristics. */
export interface ActivityCommon<K extends ElementKind> extends ElementCommon<K> {
  /** Boundary events attached to this activity. */
  boundaryIds: string[];
  loop?: LoopDefinition;
}

/** The process and (event) subprocesses: their none start event and their event subprocesses. */
export interface ContainerFields {
  noneStartId?: string;
  eventSubProcessIds: string[];
}

export interface ProcessElement extends ElementCommon<'process'>, ContainerFields {}
export interface SubProcessElement extends ActivityCommon<'subProcess'>, ContainerFields {}
export interface EventSubProcessElement extends ElementCommon<'eventSubProcess'>, ContainerFields {}

export interface CallActivityElement extends ActivityCommon<'callActivity'> {
  call: CallDefinition;
}

export interface JobTaskElement extends ActivityCommon<'serviceTask' | 'sendTask' | 'businessRuleTask'> {
  job: JobDefinition;
}

export interface ScriptDefinition {
  expression: string;
  resultVariable: string;
}

/** A script task either evaluates its FEEL script in place or hands it to a job worker. */
export type ScriptTaskElement = ActivityCommon<'scriptTask'> &
  ({ script: ScriptDefinition; job?: undefined } | { job: JobDefinition; script?: undefined });

export interface UserTaskElement extends ActivityCommon<'userTask'> {
  userTask: UserTaskDefinition;
  /** Only its headers matter: they become the user task's custom headers. */
  job?: JobDefinition;
}

/** A receive task waits like a message catch event, so the runtime sees it as one. */
export interface ReceiveTaskElement extends ActivityCommon<'receiveTask'> {
  event: EventOfKind<'message'>;
}

export type PlainTaskElement = ActivityCommon<'manualTask' | 'task'>;

export interface StartEventElement extends ElementCommon<'startEvent'> {
  event: EventDefinition;
  /** Event subprocess start events: isInterrupting. */
  interrupting: boolean;
}

export interface EndEventElement extends ElementCommon<'endEvent'> {
  event: EventDefinition;
  /** A message end event's job publishes the message. */
  job?: JobDefinition;
}

export interface IntermediateCatchEventElement extends ElementCommon<'intermediateCatchEvent'> {
  event: EventDefinition;
}

export interface IntermediateThrowEventElement extends ElementCommon<'intermediateThrowEvent'> {
  event: EventDefinition;
  /** A message throw event's job publishes the message. */
  job?: JobDefinition;
}

export interface BoundaryEventElement extends ElementCommon<'boundaryEvent'> {
  event: EventDefinition;
  attachedToId: string;
  /** cancelActivity. */
  interrupting: boolean;
}

export interface DecidingGatewayElement extends ElementCommon<'exclusiveGateway' | 'inclusiveGateway'> {
  defaultFlowId?: string;
}

export type ForkingGatewayElement = ElementCommon<'parallelGateway' | 'eventBasedGateway'>;

export type ElementModel =
  | ProcessElement
  | SubProcessElement
  | EventSubProcessElement
  | CallActivityElement
  | JobTaskElement
  | ScriptTaskElement
  | UserTaskElement
  | ReceiveTaskElement
  | PlainTaskElement
  | StartEventElement
  | EndEventElement
  | IntermediateCatchEventElement
  | IntermediateThrowEventElement
  | BoundaryEventElement
  | DecidingGatewayElement
  | ForkingGatewayElement;

type OfKind<E, K> = E extends { kind: infer EK } ? (K extends EK ? E : never) : never;

/** The element model of a kind, also where one model serves several kinds (a job task is a service, send or business rule task). */
export type ElementOfKind<K extends ElementKind> = OfKind<ElementModel, K>;

export type ContainerElement = ElementOfKind<'process' | 'subProcess' | 'eventSubProcess'>;

export type ActivityElement = Extract<ElementModel, { boundaryIds: string[] }>;

export type EventElement = Extract<ElementModel, { event: EventDefinition }>;

export interface ProcessModel {
  bpmnProcessId: string;
  name: string | null;
  versionTag: string | null;
  elements: Map<string, ElementModel>;
  root: ProcessElement;
  /** Message and timer start events at the top level of the process. */
  messageStarts: Array<{ id: string; message: MessageDefinition }>;
  timerStarts: Array<{ id: string; timer: TimerDefinition }>;
  hasStartForm: boolean;
  /** Link catch events by scope id and link name. */
  linkTargets: Map<string, string>;
}
