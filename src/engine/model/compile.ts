import { BpmnModdle } from 'bpmn-moddle';
import { createRequire } from 'node:module';
import { EngineRejection } from '../errors.js';
import { checkFeelSyntax } from '../runtime/feel.js';
import type {
  ApiElementType,
  ElementKind,
  ElementModel,
  EventDefinition,
  FlowModel,
  ListenerDefinition,
  Mapping,
  ProcessModel,
} from './types.js';

const zeebeDescriptor = createRequire(import.meta.url)('zeebe-bpmn-moddle/resources/zeebe.json');

/* eslint-disable @typescript-eslint/no-explicit-any -- moddle elements are dynamically typed */
type Moddle = any;

const KINDS: Record<string, ElementKind> = {
  'bpmn:SubProcess': 'subProcess',
  'bpmn:CallActivity': 'callActivity',
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:ScriptTask': 'scriptTask',
  'bpmn:UserTask': 'userTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:Task': 'task',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
};

const IGNORED = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

const API_TYPES: Record<ElementKind, ApiElementType> = {
  process: 'PROCESS',
  subProcess: 'SUB_PROCESS',
  eventSubProcess: 'EVENT_SUB_PROCESS',
  callActivity: 'CALL_ACTIVITY',
  startEvent: 'START_EVENT',
  endEvent: 'END_EVENT',
  intermediateCatchEvent: 'INTERMEDIATE_CATCH_EVENT',
  intermediateThrowEvent: 'INTERMEDIATE_THROW_EVENT',
  boundaryEvent: 'BOUNDARY_EVENT',
  serviceTask: 'SERVICE_TASK',
  sendTask: 'SEND_TASK',
  businessRuleTask: 'BUSINESS_RULE_TASK',
  scriptTask: 'SCRIPT_TASK',
  userTask: 'USER_TASK',
  receiveTask: 'RECEIVE_TASK',
  manualTask: 'MANUAL_TASK',
  task: 'TASK',
  exclusiveGateway: 'EXCLUSIVE_GATEWAY',
  parallelGateway: 'PARALLEL_GATEWAY',
  inclusiveGateway: 'INCLUSIVE_GATEWAY',
  eventBasedGateway: 'EVENT_BASED_GATEWAY',
};

const JOB_KINDS = new Set<ElementKind>(['serviceTask', 'sendTask', 'businessRuleTask', 'scriptTask']);

/** Everything a deployment's BPMN resource yields: its executable processes. */
export interface CompiledResource {
  processes: ProcessModel[];
}

/** Parses BPMN XML and compiles every executable process, rejecting whatever the engine cannot run as written. */
export async function compileBpmn(xml: string, resourceName: string): Promise<CompiledResource> {
  const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });
  let parsed: Moddle;
  try {
    parsed = await moddle.fromXML(xml, 'bpmn:Definitions');
  } catch (error) {
    throw reject(resourceName, `is not valid BPMN XML: ${firstLine(error)}`);
  }
  if (parsed.warnings?.length) {
    throw reject(resourceName, `is not valid BPMN: ${firstLine(parsed.warnings[0])}`);
  }
  const definitions = parsed.rootElement;
  const messages = new Map<string, { name: string; correlationKey?: string }>();
  const errors = new Map<string, string | undefined>();
  for (const root of definitions.rootElements ?? []) {
    if (root.$type === 'bpmn:Message') {
      const subscription = extension(root, 'zeebe:Subscription');
      messages.set(root.id, { name: root.name, correlationKey: subscription?.correlationKey });
    } else if (root.$type === 'bpmn:Error') {
      errors.set(root.id, root.errorCode || undefined);
    }
  }
  const processes = (definitions.rootElements ?? [])
    .filter((e: Moddle) => e.$type === 'bpmn:Process' && e.isExecutable !== false)
    .map((p: Moddle) => new ProcessCompiler(p, resourceName, messages, errors).compile());
  if (processes.length === 0) {
    throw reject(resourceName, 'contains no executable process');
  }
  return { processes };
}

class ProcessCompiler {
  private readonly elements = new Map<string, ElementModel>();
  private readonly flows: FlowModel[] = [];
  private readonly linkTargets = new Map<string, string>();

  constructor(
    private readonly process: Moddle,
    private readonly resourceName: string,
    private readonly messages: Map<string, { name: string; correlationKey?: string }>,
    private readonly errors: Map<string, string | undefined>,
  ) {}

  compile(): ProcessModel {
    const p = this.process;
    if (!p.id) throw reject(this.resourceName, 'has a process without an id');
    const root = this.element(p, 'process', null);
    this.elements.set(p.id, root);
    this.walk(p.flowElements ?? [], root);
    this.link();
    for (const element of this.elements.values()) this.validate(element);
    const topLevel = [...this.elements.values()].filter((e) => e.scopeId === p.id && e.kind === 'startEvent');
    const versionTag = extension(p, 'zeebe:VersionTag')?.value ?? null;
    const noneStart = topLevel.find((e) => e.event?.kind === 'none');
    return {
      bpmnProcessId: p.id,
      name: p.name ?? null,
      versionTag,
      elements: this.elements,
      root,
      messageStartIds: topLevel.filter((e) => e.event?.kind === 'message').map((e) => e.id),
      timerStartIds: topLevel.filter((e) => e.event?.kind === 'timer').map((e) => e.id),
      hasStartForm: Boolean(noneStart && extension(this.moddleById(noneStart.id), 'zeebe:FormDefinition')),
      linkTargets: this.linkTargets,
    };
  }

  private readonly moddleElements = new Map<string, Moddle>();

  private moddleById(id: string): Moddle {
    return this.moddleElements.get(id);
  }

  private walk(flowElements: Moddle[], scope: ElementModel): void {
    for (const e of flowElements) {
      if (e.$type === 'bpmn:SequenceFlow') {
        this.flows.push({
          id: e.id,
          name: e.name ?? '',
          sourceId: e.sourceRef?.id,
          targetId: e.targetRef?.id,
          condition: e.conditionExpression ? stripEquals(e.conditionExpression.body ?? '') : undefined,
        });
        continue;
      }
      if (IGNORED.has(e.$type)) continue;
      let kind = KINDS[e.$type];
      if (!kind) throw this.unsupported(e.id, `${e.$type.replace('bpmn:', '')} elements are not supported`);
      if (kind === 'subProcess' && e.triggeredByEvent) kind = 'eventSubProcess';
      if (this.elements.has(e.id)) throw this.unsupported(e.id, 'the id is used twice');
      const model = this.element(e, kind, scope.id);
      this.elements.set(e.id, model);
      this.moddleElements.set(e.id, e);
      if (kind === 'subProcess' || kind === 'eventSubProcess') this.walk(e.flowElements ?? [], model);
      if (kind === 'eventSubProcess') scope.eventSubProcessIds.push(e.id);
      if (kind === 'startEvent' && model.event?.kind === 'none') {
        if (scope.noneStartId) throw this.unsupported(e.id, `'${scope.id}' has more than one none start event`);
        scope.noneStartId = e.id;
      }
      if (kind === 'intermediateCatchEvent' && model.event?.kind === 'link') {
        this.linkTargets.set(`${scope.id}#${model.event.linkName}`, e.id);
      }
    }
  }

  private element(e: Moddle, kind: ElementKind, scopeId: string | null): ElementModel {
    const io = extension(e, 'zeebe:IoMapping');
    const listeners = extension(e, 'zeebe:ExecutionListeners')?.listeners ?? [];
    const model: ElementModel = {
      id: e.id,
      name: e.name ?? '',
      kind,
      apiType: API_TYPES[kind],
      scopeId,
      incoming: [],
      outgoing: [],
      defaultFlowId: e.default?.id,
      boundaryIds: [],
      attachedToId: e.attachedToRef?.id,
      interrupting: kind === 'boundaryEvent' ? e.cancelActivity !== false : e.isInterrupting !== false,
      eventSubProcessIds: [],
      inputs: mappings(io?.inputParameters),
      outputs: mappings(io?.outputParameters),
      startListeners: listenerDefs(listeners, 'start'),
      endListeners: listenerDefs(listeners, 'end'),
    };
    if (extension(e, 'zeebe:TaskListeners')) throw this.unsupported(e.id, 'user task listeners are not supported');
    if (kind.endsWith('Event')) model.event = this.eventDefinition(e);
    const taskDefinition = extension(e, 'zeebe:TaskDefinition');
    if (taskDefinition) {
      const headers = Object.fromEntries(
        (extension(e, 'zeebe:TaskHeaders')?.values ?? []).map((h: Moddle) => [h.key, h.value ?? '']),
      );
      model.job = { type: taskDefinition.type ?? '', retries: taskDefinition.retries ?? '3', headers };
    }
    if (kind === 'scriptTask' && !taskDefinition) {
      const script = extension(e, 'zeebe:Script');
      if (!script?.expression || !script.resultVariable) {
        throw this.unsupported(e.id, 'a script task needs a zeebe:script expression and resultVariable, or a job type');
      }
      model.script = { expression: stripEquals(script.expression), resultVariable: script.resultVariable };
    }
    if (kind === 'userTask') this.userTask(e, model);
    if (kind === 'callActivity') {
      const called = extension(e, 'zeebe:CalledElement');
      if (!called?.processId) throw this.unsupported(e.id, 'a call activity needs zeebe:calledElement processId');
      this.requireLatestBinding(e.id, called);
      model.call = {
        processId: called.processId,
        propagateAllChildVariables: called.propagateAllChildVariables !== false,
        propagateAllParentVariables: called.propagateAllParentVariables !== false,
      };
    }
    if (e.loopCharacteristics) this.loop(e, model);
    return model;
  }

  private userTask(e: Moddle, model: ElementModel): void {
    if (!extension(e, 'zeebe:UserTask')) {
      throw this.unsupported(e.id, 'only Camunda user tasks (zeebe:userTask) are supported, not job-worker user tasks');
    }
    const form = extension(e, 'zeebe:FormDefinition');
    const assignment = extension(e, 'zeebe:AssignmentDefinition');
    const schedule = extension(e, 'zeebe:TaskSchedule');
    const priority = extension(e, 'zeebe:PriorityDefinition');
    if (form?.formKey) throw this.unsupported(e.id, 'embedded form keys are not supported; link a form by formId');
    if (form) this.requireLatestBinding(e.id, form);
    model.userTask = {
      formId: form?.formId || undefined,
      externalReference: form?.externalReference || undefined,
      assignee: assignment?.assignee || undefined,
      candidateGroups: assignment?.candidateGroups || undefined,
      candidateUsers: assignment?.candidateUsers || undefined,
      dueDate: schedule?.dueDate || undefined,
      followUpDate: schedule?.followUpDate || undefined,
      priority: priority?.priority !== undefined ? String(priority.priority) : undefined,
    };
  }

  /** The engine always links the latest version; a diagram asking for another would run against the wrong one. */
  private requireLatestBinding(id: string, link: Moddle): void {
    const binding = link.bindingType ?? 'latest';
    if (binding !== 'latest') throw this.unsupported(id, `bindingType '${binding}' is not supported; only 'latest' is`);
  }

  private loop(e: Moddle, model: ElementModel): void {
    const lc = e.loopCharacteristics;
    if (lc.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
      throw this.unsupported(e.id, 'standard loops are not supported; use multi-instance');
    }
    const z = extension(lc, 'zeebe:LoopCharacteristics');
    if (!z?.inputCollection) throw this.unsupported(e.id, 'a multi-instance activity needs zeebe:loopCharacteristics inputCollection');
    if (z.outputCollection && !z.outputElement) {
      throw this.unsupported(e.id, 'a multi-instance outputCollection needs an outputElement');
    }
    model.loop = {
      sequential: lc.isSequential === true,
      inputCollection: stripEquals(z.inputCollection),
      inputElement: z.inputElement || undefined,
      outputCollection: z.outputCollection || undefined,
      outputElement: z.outputElement ? stripEquals(z.outputElement) : undefined,
      completionCondition: lc.completionCondition?.body ? stripEquals(lc.completionCondition.body) : undefined,
    };
  }

  private eventDefinition(e: Moddle): EventDefinition {
    const definitions: Moddle[] = e.eventDefinitions ?? [];
    if (definitions.length > 1) throw this.unsupported(e.id, 'events with several event definitions are not supported');
    const d = definitions[0];
    if (!d) return { kind: 'none' };
    switch (d.$type) {
      case 'bpmn:TimerEventDefinition': {
        if (d.timeDuration) return { kind: 'timer', timer: { kind: 'duration', value: d.timeDuration.body?.trim() ?? '' } };
        if (d.timeDate) return { kind: 'timer', timer: { kind: 'date', value: d.timeDate.body?.trim() ?? '' } };
        if (d.timeCycle) return { kind: 'timer', timer: { kind: 'cycle', value: d.timeCycle.body?.trim() ?? '' } };
        throw this.unsupported(e.id, 'a timer event needs a timeDuration, timeDate or timeCycle');
      }
      case 'bpmn:MessageEventDefinition': {
        const message = d.messageRef ? this.messages.get(d.messageRef.id) : undefined;
        if (!message?.name) throw this.unsupported(e.id, 'a message event needs a message with a name');
        return { kind: 'message', message: { name: message.name, correlationKey: message.correlationKey } };
      }
      case 'bpmn:ErrorEventDefinition': {
        if (!d.errorRef) return { kind: 'error' };
        return { kind: 'error', errorCode: this.errors.get(d.errorRef.id) };
      }
      case 'bpmn:TerminateEventDefinition':
        return { kind: 'terminate' };
      case 'bpmn:LinkEventDefinition':
        if (!d.name) throw this.unsupported(e.id, 'a link event needs a name');
        return { kind: 'link', linkName: d.name };
      default:
        throw this.unsupported(e.id, `${d.$type.replace('bpmn:', '')}s are not supported`);
    }
  }

  private link(): void {
    for (const flow of this.flows) {
      const source = this.elements.get(flow.sourceId);
      const target = this.elements.get(flow.targetId);
      if (!source || !target) throw this.unsupported(flow.id, 'the sequence flow must connect two flow nodes');
      if (source.scopeId !== target.scopeId) {
        throw this.unsupported(flow.id, 'a sequence flow cannot cross a subprocess border');
      }
      source.outgoing.push(flow);
      target.incoming.push(flow);
    }
    for (const element of this.elements.values()) {
      if (element.attachedToId) {
        const host = this.elements.get(element.attachedToId);
        if (!host) throw this.unsupported(element.id, 'the boundary event is attached to an unknown activity');
        host.boundaryIds.push(element.id);
        element.scopeId = host.scopeId;
      }
    }
  }

  private validate(e: ElementModel): void {
    const event = e.event;
    if (JOB_KINDS.has(e.kind) && !e.job && !e.script) {
      throw this.unsupported(e.id, 'the task needs a zeebe:taskDefinition with a job type');
    }
    if (e.kind === 'businessRuleTask' && !e.job) throw this.unsupported(e.id, 'DMN decisions are not supported');
    if (e.job && !e.job.type) throw this.unsupported(e.id, 'the job type must not be empty');
    if ((e.kind === 'intermediateThrowEvent' || e.kind === 'endEvent') && event?.kind === 'message' && !e.job) {
      throw this.unsupported(e.id, 'a message throw event needs a zeebe:taskDefinition (its job publishes the message)');
    }
    if (e.kind === 'startEvent') this.validateStart(e);
    if (e.kind === 'endEvent' && event?.kind === 'error' && !event.errorCode) {
      throw this.unsupported(e.id, 'an error end event needs an error with an errorCode');
    }
    if (e.kind === 'endEvent' && !['none', 'error', 'terminate', 'message'].includes(event?.kind ?? 'none')) {
      throw this.unsupported(e.id, `${event?.kind} end events are not supported`);
    }
    if (e.kind === 'intermediateCatchEvent' && !['timer', 'message', 'link'].includes(event?.kind ?? 'none')) {
      throw this.unsupported(e.id, 'an intermediate catch event needs a timer, message or link definition');
    }
    if (e.kind === 'intermediateThrowEvent' && !['none', 'message', 'link'].includes(event?.kind ?? 'none')) {
      throw this.unsupported(e.id, `${event?.kind} throw events are not supported`);
    }
    if (e.kind === 'boundaryEvent') {
      if (!['timer', 'message', 'error'].includes(event?.kind ?? 'none')) {
        throw this.unsupported(e.id, 'a boundary event needs a timer, message or error definition');
      }
      if (event?.kind === 'error' && !e.interrupting) throw this.unsupported(e.id, 'error boundary events are always interrupting');
    }
    if (event?.kind === 'message' && e.kind !== 'startEvent' && !event.message?.correlationKey && !e.job) {
      throw this.unsupported(e.id, 'the message needs a zeebe:subscription correlationKey');
    }
    if (e.kind === 'receiveTask') this.validateReceiveTask(e);
    if (e.kind === 'intermediateThrowEvent' && event?.kind === 'link') {
      if (!this.linkTargets.has(`${e.scopeId}#${event.linkName}`)) {
        throw this.unsupported(e.id, `no link catch event named '${event.linkName}' in the same scope`);
      }
    }
    if (e.kind === 'subProcess' && !e.noneStartId) throw this.unsupported(e.id, 'an embedded subprocess needs one none start event');
    if (e.kind === 'eventSubProcess' && e.noneStartId) {
      throw this.unsupported(e.id, 'an event subprocess needs a timer, message or error start event');
    }
    if (e.kind === 'eventBasedGateway') this.validateEventGateway(e);
    this.validateFlows(e);
    this.validateExpressions(e);
  }

  private validateStart(e: ElementModel): void {
    const scope = e.scopeId ? this.elements.get(e.scopeId) : undefined;
    const kind = e.event?.kind ?? 'none';
    if (scope?.kind === 'eventSubProcess') {
      if (!['timer', 'message', 'error'].includes(kind)) {
        throw this.unsupported(e.id, 'an event subprocess start event needs a timer, message or error definition');
      }
      if (kind === 'error' && !e.interrupting) throw this.unsupported(e.id, 'error start events are always interrupting');
      if (kind === 'message' && !e.event?.message?.correlationKey) {
        throw this.unsupported(e.id, 'the message needs a zeebe:subscription correlationKey');
      }
      return;
    }
    if (scope?.kind === 'subProcess' && kind !== 'none') {
      throw this.unsupported(e.id, 'an embedded subprocess starts with a none start event');
    }
    if (!['none', 'timer', 'message'].includes(kind)) throw this.unsupported(e.id, `${kind} start events are not supported here`);
  }

  private validateReceiveTask(e: ElementModel): void {
    const m = this.moddleById(e.id)?.messageRef;
    const message = m ? this.messages.get(m.id) : undefined;
    if (!message?.name || !message.correlationKey) {
      throw this.unsupported(e.id, 'a receive task needs a message with a name and a zeebe:subscription correlationKey');
    }
    e.event = { kind: 'message', message };
  }

  private validateEventGateway(e: ElementModel): void {
    if (e.outgoing.length < 2) throw this.unsupported(e.id, 'an event-based gateway needs at least two outgoing flows');
    for (const flow of e.outgoing) {
      const target = this.elements.get(flow.targetId)!;
      const ok =
        (target.kind === 'intermediateCatchEvent' && ['timer', 'message'].includes(target.event?.kind ?? '')) ||
        target.kind === 'receiveTask';
      if (!ok) throw this.unsupported(e.id, `'${target.id}' after an event-based gateway must be a timer or message catch event`);
    }
  }

  private validateFlows(e: ElementModel): void {
    const gateway = e.kind === 'exclusiveGateway' || e.kind === 'inclusiveGateway';
    for (const flow of e.outgoing) {
      if (flow.condition !== undefined && !gateway) {
        throw this.unsupported(flow.id, 'conditions are supported only on flows leaving exclusive or inclusive gateways');
      }
      if (gateway && e.outgoing.length > 1 && flow.id !== e.defaultFlowId && flow.condition === undefined) {
        throw this.unsupported(flow.id, `a flow leaving the gateway '${e.id}' needs a condition or must be its default flow`);
      }
      if (flow.condition !== undefined) this.checkFeel(flow.id, flow.condition);
    }
    if (e.kind === 'boundaryEvent' && e.outgoing.length === 0) {
      throw this.unsupported(e.id, 'a boundary event needs an outgoing sequence flow');
    }
  }

  private validateExpressions(e: ElementModel): void {
    for (const m of [...e.inputs, ...e.outputs]) this.checkFeel(e.id, m.source);
    if (e.loop) this.checkFeel(e.id, e.loop.inputCollection);
    if (e.loop?.outputElement) this.checkFeel(e.id, e.loop.outputElement);
    if (e.loop?.completionCondition) this.checkFeel(e.id, e.loop.completionCondition);
    if (e.script) this.checkFeel(e.id, e.script.expression);
    const values = [
      e.job?.type,
      e.job?.retries,
      e.event?.timer?.value,
      e.event?.message?.correlationKey,
      e.event?.message?.name,
      e.call?.processId,
      ...Object.values(e.userTask ?? {}),
      ...[...e.startListeners, ...e.endListeners].flatMap((l) => [l.type, l.retries]),
    ];
    for (const value of values) {
      if (typeof value === 'string' && value.startsWith('=')) this.checkFeel(e.id, value.slice(1));
    }
  }

  private checkFeel(id: string, expression: string): void {
    const problem = checkFeelSyntax(expression);
    if (problem) throw this.unsupported(id, `the FEEL expression '${expression}' is invalid: ${problem}`);
  }

  private unsupported(id: string, reason: string): EngineRejection {
    return reject(this.resourceName, `element '${id}' of process '${this.process.id}': ${reason}`);
  }
}

function extension(e: Moddle, type: string): Moddle | undefined {
  return e?.extensionElements?.values?.find((v: Moddle) => v.$type === type);
}

function mappings(list: Moddle[] | undefined): Mapping[] {
  return (list ?? []).map((m) => ({ source: stripEquals(m.source ?? 'null'), target: m.target }));
}

function listenerDefs(list: Moddle[], eventType: 'start' | 'end'): ListenerDefinition[] {
  return list
    .filter((l) => (l.eventType ?? 'start') === eventType)
    .map((l) => ({ type: l.type ?? '', retries: l.retries ?? '3' }));
}

function stripEquals(expression: string): string {
  const trimmed = expression.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1) : trimmed;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String((error as { message?: string })?.message ?? error);
  return message.split('\n')[0];
}

function reject(resourceName: string, reason: string): EngineRejection {
  return EngineRejection.invalidArgument(`Command 'CREATE' rejected with code 'INVALID_ARGUMENT': Expected to deploy new resources, but encountered the following errors:\n'${resourceName}': ${reason}`);
}
