import type { ElementModel, JobDefinition, ListenerDefinition, ProcessModel } from '../model/types.js';
import { Changeset } from '../store/changeset.js';
import type { DefinitionMeta, DefinitionRegistry, MessageStart } from './definitions.js';
import type { EngineClock } from './clock.js';
import type {
  BufferedMessage,
  ElementInstance,
  Incident,
  IncidentType,
  Job,
  MessageSubscription,
  ProcessInstance,
  Timer,
  UserTask,
} from './entities.js';
import {
  evaluateFeel,
  evaluateString,
  evaluateStringList,
  evaluateValue,
  FeelError,
  kindOf,
} from './feel.js';
import type { KeyGenerator } from './keys.js';
import type { MessageStartLocks } from './message-start-locks.js';
import type { MessageBuffer } from './messages.js';
import { canReachAny } from './reachability.js';
import { nextCycleDue, scheduleTimer } from './timer-schedule.js';
import { InstanceTree } from './tree.js';
import { localVariables, propagateVariables, setLocalVariables, visibleVariables } from './variables.js';

/** The services a transition needs; all synchronous once the command's trees are loaded. */
export interface TransitionContext {
  keys: KeyGenerator;
  clock: EngineClock;
  definitions: DefinitionRegistry;
  messages: MessageBuffer;
  startLocks: MessageStartLocks;
  tenantId: string;
}

/** What must happen once a transition's rows are committed. */
export interface Effects {
  jobTypes: Set<string>;
  timersChanged: boolean;
  /** Root process instances that ended, with their root-scope variables (for awaitCompletion). */
  endedInstances: Map<string, { completed: boolean; variables: Record<string, unknown> }>;
}

const MAX_STEPS = 100_000;
const JOB_ELEMENTS = new Set(['serviceTask', 'sendTask', 'businessRuleTask', 'scriptTask', 'intermediateThrowEvent', 'endEvent']);

/**
 * One command's worth of BPMN execution on loaded instance trees, with Zeebe's semantics: element
 * lifecycles, variable scopes, jobs, user tasks, events, incidents. Entirely synchronous: steps run
 * from a queue until the trees are at rest, and the changed records are then drained as rows.
 */
export class Transition {
  readonly effects: Effects = { jobTypes: new Set(), timersChanged: false, endedInstances: new Map() };
  readonly changeset = new Changeset();
  private readonly trees = new Map<string, InstanceTree>();
  private readonly steps: Array<() => void> = [];
  /** Reverts what this transition changed outside its trees, should its rows never be committed. */
  private readonly undo: Array<() => void> = [];
  readonly now: Date;

  constructor(private readonly ctx: TransitionContext) {
    this.now = ctx.clock.now();
  }

  /** Makes a tree part of this transition. */
  use(tree: InstanceTree): InstanceTree {
    this.trees.set(tree.rootKey, tree);
    return tree;
  }

  get touchedTrees(): InstanceTree[] {
    return [...this.trees.values()];
  }

  /** Runs queued steps until nothing is left, then snapshots every changed record into the changeset. */
  settle(): Changeset {
    let count = 0;
    while (this.steps.length > 0) {
      if (++count > MAX_STEPS) throw new Error(`transition exceeded ${MAX_STEPS} steps: an endless loop of pass-through elements?`);
      this.steps.shift()!();
    }
    for (const tree of this.trees.values()) tree.drainChanges(this.changeset);
    return this.changeset;
  }

  private later(step: () => void): void {
    this.steps.push(step);
  }

  /** Puts the shared in-memory state (message buffer, start locks) back as it was before this transition. */
  rollback(): void {
    for (const revert of this.undo.splice(0).reverse()) revert();
  }

  // ---------------------------------------------------------------- process instances

  /** Creates a process instance; a new root gets a tree of its own, a called one joins its parent's. */
  createProcessInstance(
    meta: DefinitionMeta,
    variables: Record<string, unknown>,
    options: { startEventId?: string; trigger?: Record<string, unknown>; parent?: ElementInstance } = {},
  ): ProcessInstance {
    const key = this.ctx.keys.next();
    const tree = options.parent ? this.treeOf(options.parent) : this.use(new InstanceTree(key));
    const model = this.ctx.definitions.model(meta.key);
    const pi: ProcessInstance = {
      key,
      rootKey: tree.rootKey,
      definitionKey: meta.key,
      bpmnProcessId: meta.bpmnProcessId,
      version: meta.version,
      state: 'ACTIVE',
      startDate: this.now,
      endDate: null,
      parentProcessInstanceKey: options.parent?.processInstanceKey ?? null,
      parentElementInstanceKey: options.parent?.key ?? null,
      hasIncident: false,
      tenantId: meta.tenantId,
      startCorrelationKey: null,
    };
    tree.addProcessInstance(pi);
    const root = this.newElement(tree, pi, null, model.root, 'PROCESS', key);
    root.runtime.startEventId = options.startEventId;
    root.runtime.trigger = options.trigger;
    setLocalVariables(tree, this.ctx.keys, root, variables);
    this.later(() => this.runActivation(root));
    return pi;
  }

  cancelProcessInstance(tree: InstanceTree, pi: ProcessInstance): void {
    this.terminate(tree.elements.get(pi.key)!);
  }

  // ---------------------------------------------------------------- element lifecycle

  private newElement(
    tree: InstanceTree,
    pi: ProcessInstance,
    scope: ElementInstance | null,
    element: ElementModel,
    type = element.apiType,
    key = this.ctx.keys.next(),
  ): ElementInstance {
    const ei: ElementInstance = {
      key,
      rootKey: tree.rootKey,
      processInstanceKey: pi.key,
      definitionKey: pi.definitionKey,
      bpmnProcessId: pi.bpmnProcessId,
      elementId: element.id,
      elementName: element.name || element.id,
      type,
      flowScopeKey: scope?.key ?? null,
      state: 'ACTIVE',
      startDate: this.now,
      endDate: null,
      incidentKey: null,
      runtime: { phase: 'ACTIVATING', listenerIndex: 0 },
      tenantId: pi.tenantId,
    };
    tree.addElement(ei);
    return ei;
  }

  private activate(
    scope: ElementInstance,
    elementId: string,
    options: { trigger?: Record<string, unknown>; startEventId?: string } = {},
  ): ElementInstance {
    const tree = this.treeOf(scope);
    const element = this.modelOf(scope).elements.get(elementId)!;
    const ei = this.newElement(tree, this.piOf(scope), scope, element, element.loop ? 'MULTI_INSTANCE_BODY' : element.apiType);
    ei.runtime.trigger = options.trigger;
    ei.runtime.startEventId = options.startEventId;
    this.later(() => this.runActivation(ei));
    return ei;
  }

  private runActivation(ei: ElementInstance): void {
    if (ei.state !== 'ACTIVE' || ei.runtime.phase !== 'ACTIVATING') return;
    const element = this.elementOf(ei);
    const tree = this.treeOf(ei);
    if (ei.type === 'MULTI_INSTANCE_BODY') return this.activateBody(ei, element);
    if (!ei.runtime.inputsApplied) {
      const values = this.tryEvaluate(ei, 'IO_MAPPING_ERROR', 'activate', () =>
        element.inputs.map((m) => [m.target, evaluateFeel(m.source, this.context(ei))] as const),
      );
      if (!values) return;
      for (const [target, value] of values) setLocalVariables(tree, this.ctx.keys, ei, pathValue(target, value, ei, tree));
      ei.runtime.inputsApplied = true;
      tree.touch(ei);
    }
    if (ei.runtime.listenerIndex < element.startListeners.length) {
      this.createListenerJob(ei, element.startListeners[ei.runtime.listenerIndex], 'START');
      return;
    }
    if (ei.runtime.loopCounter === undefined && !this.openBoundaries(ei, element)) return;
    ei.runtime.phase = 'ACTIVATED';
    tree.touch(ei);
    this.behave(ei, element);
  }

  private behave(ei: ElementInstance, element: ElementModel): void {
    const trigger = ei.runtime.trigger;
    switch (element.kind) {
      case 'process':
      case 'subProcess':
      case 'eventSubProcess': {
        if (!this.openEventSubProcessStarts(ei, element)) return;
        const start = ei.runtime.startEventId ?? element.noneStartId!;
        this.activate(ei, start, { trigger: element.kind === 'subProcess' ? undefined : trigger });
        return;
      }
      case 'userTask':
        return this.createUserTask(ei, element);
      case 'callActivity':
        return this.callProcess(ei, element);
      case 'receiveTask':
      case 'intermediateCatchEvent':
        if (trigger || element.event?.kind === 'link') return this.complete(ei, trigger);
        if (element.event?.kind === 'timer') {
          if (this.openTimer(ei, element)) this.treeOf(ei).touch(ei);
          return;
        }
        this.openSubscription(ei, element);
        return;
      case 'eventBasedGateway':
        for (const flow of element.outgoing) {
          const target = this.modelOf(ei).elements.get(flow.targetId)!;
          const ok = target.event?.kind === 'timer' ? this.openTimer(ei, target) : this.openSubscription(ei, target);
          if (!ok) return;
        }
        return;
      case 'exclusiveGateway':
      case 'inclusiveGateway':
        return this.decide(ei, element);
      case 'parallelGateway':
        ei.runtime.takenFlows = element.outgoing.map((f) => f.id);
        return this.complete(ei);
      case 'endEvent':
        if (element.event?.kind === 'error') return this.throwFromElement(ei, element);
        if (element.job) return this.createElementJob(ei, element.job);
        return this.complete(ei);
      case 'scriptTask':
        if (element.script) {
          const script = element.script;
          const value = this.tryEvaluate(ei, 'EXTRACT_VALUE_ERROR', 'behave', () => evaluateFeel(script.expression, this.context(ei)));
          if (value !== undefined) this.complete(ei, { [script.resultVariable]: value });
          return;
        }
        return this.createElementJob(ei, element.job!);
      default:
        if (JOB_ELEMENTS.has(element.kind) && element.job) return this.createElementJob(ei, element.job);
        return this.complete(ei, trigger);
    }
  }

  private decide(ei: ElementInstance, element: ElementModel): void {
    if (element.outgoing.length <= 1) {
      ei.runtime.takenFlows = element.outgoing.map((f) => f.id);
      return this.complete(ei);
    }
    const chosen = this.tryEvaluate(ei, 'CONDITION_ERROR', 'behave', () => {
      const context = this.context(ei);
      const conditional = element.outgoing.filter((f) => f.id !== element.defaultFlowId);
      const taken: string[] = [];
      for (const flow of conditional) {
        if (evaluateFeel(flow.condition!, context) === true) {
          taken.push(flow.id);
          if (element.kind === 'exclusiveGateway') break;
        }
      }
      if (taken.length === 0 && element.defaultFlowId) taken.push(element.defaultFlowId);
      if (taken.length === 0) {
        throw new FeelError(
          `Expected at least one condition to evaluate to true, or to have a default flow (gateway '${element.id}')`,
        );
      }
      return taken;
    });
    if (!chosen) return;
    ei.runtime.takenFlows = chosen;
    this.complete(ei);
  }

  /** Finishes the element's work: result variables, output mappings, end listeners, then leave. */
  complete(ei: ElementInstance, variables?: Record<string, unknown>): void {
    if (ei.state !== 'ACTIVE' || ei.runtime.phase === 'COMPLETING') return;
    ei.runtime.phase = 'COMPLETING';
    ei.runtime.listenerIndex = 0;
    if (variables && Object.keys(variables).length > 0) ei.runtime.pendingVariables = variables;
    this.treeOf(ei).touch(ei);
    this.later(() => this.runCompletion(ei));
  }

  private runCompletion(ei: ElementInstance): void {
    if (ei.state !== 'ACTIVE' || ei.runtime.phase !== 'COMPLETING') return;
    const tree = this.treeOf(ei);
    const element = this.elementOf(ei);
    if (ei.type === 'MULTI_INSTANCE_BODY') {
      const name = element.loop!.outputCollection;
      if (name) propagateVariables(tree, this.ctx.keys, this.scopeOf(ei)!, { [name]: tree.variables.get(ei.key)?.get(name)?.value ?? [] });
      return this.finish(ei);
    }
    if (!ei.runtime.outputsApplied) {
      const result = ei.runtime.pendingVariables ?? {};
      if (element.outputs.length > 0) setLocalVariables(tree, this.ctx.keys, ei, result);
      else if (ei.type !== 'PROCESS') propagateVariables(tree, this.ctx.keys, ei, result);
      delete ei.runtime.pendingVariables;
      const outputs = this.tryEvaluate(ei, 'IO_MAPPING_ERROR', 'complete', () => {
        const context = this.context(ei);
        const mapped = element.outputs.map((m) => [m.target, evaluateFeel(m.source, context)] as const);
        const scope = this.scopeOf(ei);
        const loopOutput =
          scope?.type === 'MULTI_INSTANCE_BODY' && element.loop?.outputElement ? evaluateFeel(element.loop.outputElement, context) : undefined;
        return { mapped, loopOutput };
      });
      if (!outputs) return;
      const scope = this.scopeOf(ei);
      if (scope) {
        for (const [target, value] of outputs.mapped) propagateVariables(tree, this.ctx.keys, scope, pathValue(target, value, scope, tree));
        if (scope.type === 'MULTI_INSTANCE_BODY' && element.loop?.outputCollection) {
          this.storeLoopOutput(scope, element.loop.outputCollection, ei.runtime.loopCounter!, outputs.loopOutput ?? null);
        }
      }
      ei.runtime.outputsApplied = true;
      tree.touch(ei);
    }
    if (ei.runtime.listenerIndex < element.endListeners.length) {
      this.createListenerJob(ei, element.endListeners[ei.runtime.listenerIndex], 'END');
      return;
    }
    this.finish(ei);
  }

  private finish(ei: ElementInstance): void {
    const tree = this.treeOf(ei);
    ei.state = 'COMPLETED';
    ei.runtime.phase = 'COMPLETED';
    ei.endDate = this.now;
    this.closeOwned(ei);
    tree.detach(ei);
    tree.touch(ei);
    if (ei.type === 'PROCESS') return this.finishProcess(ei);
    this.leave(ei);
  }

  private leave(ei: ElementInstance): void {
    const scope = this.scopeOf(ei)!;
    if (scope.type === 'MULTI_INSTANCE_BODY') return this.innerCompleted(scope, ei);
    const element = this.elementOf(ei);
    const model = this.modelOf(ei);
    if (element.kind === 'endEvent' && element.event?.kind === 'terminate') {
      this.terminateChildren(scope);
    } else if (element.kind === 'intermediateThrowEvent' && element.event?.kind === 'link') {
      this.activate(scope, model.linkTargets.get(`${element.scopeId}#${element.event.linkName}`)!);
    } else if (element.kind === 'eventBasedGateway') {
      const chosen = ei.runtime.takenFlows![0];
      const flow = element.outgoing.find((f) => f.id === chosen)!;
      this.recordFlow(scope, flow.id);
      this.activate(scope, flow.targetId, { trigger: ei.runtime.trigger ?? {} });
    } else {
      const flows = ei.runtime.takenFlows ?? element.outgoing.map((f) => f.id);
      for (const flowId of flows) this.arrive(scope, element.outgoing.find((f) => f.id === flowId)!.targetId, flowId);
    }
    this.later(() => this.checkScope(scope));
  }

  private arrive(scope: ElementInstance, targetId: string, flowId: string): void {
    this.recordFlow(scope, flowId);
    const target = this.modelOf(scope).elements.get(targetId)!;
    const joining = (target.kind === 'parallelGateway' || target.kind === 'inclusiveGateway') && target.incoming.length > 1;
    if (!joining) {
      this.activate(scope, targetId);
      return;
    }
    const arrivals = (scope.runtime.arrivals ??= {});
    const waiting = (arrivals[targetId] ??= {});
    waiting[flowId] = (waiting[flowId] ?? 0) + 1;
    this.treeOf(scope).touch(scope);
    if (target.kind === 'parallelGateway' && target.incoming.every((f) => (waiting[f.id] ?? 0) > 0)) {
      this.consumeJoin(scope, target);
    }
  }

  /** Taken sequence flows are kept, as Zeebe's SEQUENCE_FLOW_TAKEN records are: for coverage and path views. */
  private recordFlow(scope: ElementInstance, flowId: string): void {
    const key = this.ctx.keys.next();
    this.changeset.put('sequence_flows', key, {
      key,
      root_key: scope.rootKey,
      process_instance_key: scope.processInstanceKey,
      definition_key: scope.definitionKey,
      bpmn_process_id: scope.bpmnProcessId,
      flow_id: flowId,
      taken_at: this.now.toISOString(),
    });
  }

  private consumeJoin(scope: ElementInstance, gateway: ElementModel): void {
    const waiting = scope.runtime.arrivals![gateway.id];
    for (const flowId of Object.keys(waiting)) {
      waiting[flowId] -= 1;
      if (waiting[flowId] <= 0) delete waiting[flowId];
    }
    if (Object.keys(waiting).length === 0) delete scope.runtime.arrivals![gateway.id];
    this.treeOf(scope).touch(scope);
    this.activate(scope, gateway.id);
  }

  /** Fires inclusive joins no token can reach any more, and completes a scope with nothing left to do. */
  private checkScope(scope: ElementInstance): void {
    if (scope.state !== 'ACTIVE' || scope.runtime.phase !== 'ACTIVATED' || scope.type === 'MULTI_INSTANCE_BODY') return;
    const tree = this.treeOf(scope);
    const model = this.modelOf(scope);
    const arrivals = scope.runtime.arrivals ?? {};
    for (const gatewayId of Object.keys(arrivals)) {
      const gateway = model.elements.get(gatewayId)!;
      if (gateway.kind !== 'inclusiveGateway') continue;
      const sources = [
        ...tree.childrenOf(scope.key).map((c) => c.elementId),
        ...Object.keys(arrivals).filter((id) => id !== gatewayId),
      ];
      if (!canReachAny(model, sources, gatewayId)) this.consumeJoin(scope, gateway);
    }
    const waiting = Object.keys(scope.runtime.arrivals ?? {}).length > 0;
    if (tree.childrenOf(scope.key).length === 0 && !waiting) this.complete(scope);
  }

  private finishProcess(root: ElementInstance): void {
    const tree = this.treeOf(root);
    const pi = this.piOf(root);
    pi.state = 'COMPLETED';
    pi.endDate = this.now;
    pi.hasIncident = false;
    tree.touch(pi);
    const variables = localVariables(tree, root.key);
    if (!pi.parentElementInstanceKey) {
      this.effects.endedInstances.set(pi.key, { completed: true, variables });
      this.releaseStartLock(pi);
      return;
    }
    const callActivity = tree.elements.get(pi.parentElementInstanceKey)!;
    const call = this.elementOf(callActivity);
    const propagate = call.call!.propagateAllChildVariables || call.outputs.length > 0;
    this.complete(callActivity, propagate ? variables : undefined);
  }

  // ---------------------------------------------------------------- termination

  terminate(ei: ElementInstance): void {
    if (ei.state !== 'ACTIVE') return;
    const tree = this.treeOf(ei);
    for (const child of tree.childrenOf(ei.key)) this.terminate(child);
    if (ei.type === 'CALL_ACTIVITY') {
      for (const pi of tree.processInstances.values()) {
        if (pi.parentElementInstanceKey === ei.key && pi.state === 'ACTIVE') this.terminate(tree.elements.get(pi.key)!);
      }
    }
    this.closeOwned(ei);
    for (const job of tree.jobs.values()) {
      if (job.elementInstanceKey === ei.key && !job.endedAt) {
        job.state = 'CANCELED';
        job.activatable = false;
        job.endedAt = this.now;
        tree.touch(job);
      }
    }
    for (const task of tree.userTasks.values()) {
      if (task.elementInstanceKey === ei.key && task.state === 'CREATED') {
        task.state = 'CANCELED';
        task.completionDate = this.now;
        tree.touch(task);
      }
    }
    for (const incident of tree.incidents.values()) {
      if (incident.elementInstanceKey === ei.key && incident.state === 'ACTIVE') {
        incident.state = 'RESOLVED';
        tree.touch(incident);
      }
    }
    ei.state = 'TERMINATED';
    ei.runtime.phase = 'TERMINATED';
    ei.incidentKey = null;
    ei.endDate = this.now;
    tree.detach(ei);
    tree.touch(ei);
    if (ei.type === 'PROCESS') {
      const pi = this.piOf(ei);
      pi.state = 'TERMINATED';
      pi.endDate = this.now;
      pi.hasIncident = false;
      tree.touch(pi);
      if (!pi.parentElementInstanceKey) {
        this.effects.endedInstances.set(pi.key, { completed: false, variables: {} });
        this.releaseStartLock(pi);
      }
    } else {
      this.refreshIncidentFlag(this.piOf(ei));
    }
  }

  private terminateChildren(scope: ElementInstance): void {
    for (const child of this.treeOf(scope).childrenOf(scope.key)) this.terminate(child);
    if (scope.runtime.arrivals) {
      delete scope.runtime.arrivals;
      this.treeOf(scope).touch(scope);
    }
  }

  // ---------------------------------------------------------------- multi-instance

  private activateBody(body: ElementInstance, element: ElementModel): void {
    const loop = element.loop!;
    const items = this.tryEvaluate(body, 'EXTRACT_VALUE_ERROR', 'activate', () => {
      const value = evaluateFeel(loop.inputCollection, this.context(body));
      if (!Array.isArray(value)) {
        throw new FeelError(`Expected result of the expression '${loop.inputCollection}' to be 'ARRAY', but was '${kindOf(value)}'`);
      }
      return value;
    });
    if (!items) return;
    if (!this.openBoundaries(body, element)) return;
    const tree = this.treeOf(body);
    if (loop.outputCollection) setLocalVariables(tree, this.ctx.keys, body, { [loop.outputCollection]: items.map(() => null) });
    body.runtime.loop = { items, next: 0, completed: 0 };
    body.runtime.phase = 'ACTIVATED';
    tree.touch(body);
    if (items.length === 0) return this.complete(body);
    const first = loop.sequential ? 1 : items.length;
    for (let i = 0; i < first; i++) this.spawnInner(body, element);
  }

  private spawnInner(body: ElementInstance, element: ElementModel): void {
    const tree = this.treeOf(body);
    const state = body.runtime.loop!;
    const index = state.next++;
    const inner = this.newElement(tree, this.piOf(body), body, element, element.apiType);
    inner.runtime.loopCounter = index + 1;
    const locals: Record<string, unknown> = { loopCounter: index + 1 };
    if (element.loop!.inputElement) locals[element.loop!.inputElement] = state.items[index];
    setLocalVariables(tree, this.ctx.keys, inner, locals);
    tree.touch(body);
    this.later(() => this.runActivation(inner));
  }

  private storeLoopOutput(body: ElementInstance, name: string, loopCounter: number, value: unknown): void {
    const tree = this.treeOf(body);
    const current = tree.variables.get(body.key)?.get(name)?.value;
    const list = Array.isArray(current) ? [...current] : [];
    list[loopCounter - 1] = value;
    setLocalVariables(tree, this.ctx.keys, body, { [name]: list });
  }

  private innerCompleted(body: ElementInstance, inner: ElementInstance): void {
    const element = this.elementOf(body);
    const state = body.runtime.loop!;
    state.completed += 1;
    this.treeOf(body).touch(body);
    const condition = element.loop!.completionCondition;
    if (condition) {
      const context = {
        ...this.context(inner),
        numberOfInstances: state.items.length,
        numberOfCompletedInstances: state.completed,
        numberOfActiveInstances: this.treeOf(body).childrenOf(body.key).length,
      };
      const done = this.tryEvaluate(body, 'EXTRACT_VALUE_ERROR', 'behave', () => evaluateFeel(condition, context) === true);
      if (done === undefined) return;
      if (done) {
        this.terminateChildren(body);
        return this.complete(body);
      }
    }
    if (element.loop!.sequential && state.next < state.items.length) return this.spawnInner(body, element);
    if (state.completed >= state.items.length) this.complete(body);
  }

  // ---------------------------------------------------------------- jobs

  private createElementJob(ei: ElementInstance, definition: JobDefinition): void {
    this.createJob(ei, definition.type, definition.retries, definition.headers, 'BPMN_ELEMENT', 'UNSPECIFIED');
  }

  private createListenerJob(ei: ElementInstance, listener: ListenerDefinition, event: 'START' | 'END'): void {
    this.createJob(ei, listener.type, listener.retries, {}, 'EXECUTION_LISTENER', event);
  }

  private createJob(
    ei: ElementInstance,
    typeExpression: string,
    retriesExpression: string,
    headers: Record<string, string>,
    kind: Job['kind'],
    listenerEventType: Job['listenerEventType'],
  ): void {
    const retry = ei.runtime.phase === 'ACTIVATING' ? 'activate' : ei.runtime.phase === 'COMPLETING' ? 'complete' : 'behave';
    const evaluated = this.tryEvaluate(ei, 'EXTRACT_VALUE_ERROR', retry, () => {
      const context = this.context(ei);
      const type = evaluateString(typeExpression, context, 'job type');
      const retries = Number(evaluateValue(retriesExpression, context));
      if (!Number.isInteger(retries)) throw new FeelError(`Expected the job retries '${retriesExpression}' to be an integer`);
      return { type, retries };
    });
    if (!evaluated) return;
    const tree = this.treeOf(ei);
    const job: Job = {
      key: this.ctx.keys.next(),
      type: evaluated.type,
      rootKey: tree.rootKey,
      processInstanceKey: ei.processInstanceKey,
      elementInstanceKey: ei.key,
      elementId: ei.elementId,
      definitionKey: ei.definitionKey,
      bpmnProcessId: ei.bpmnProcessId,
      version: this.piOf(ei).version,
      state: 'CREATED',
      kind,
      listenerEventType,
      retries: evaluated.retries,
      worker: null,
      deadline: null,
      retryAt: null,
      errorMessage: null,
      errorCode: null,
      customHeaders: headers,
      activatable: evaluated.retries > 0,
      createdAt: this.now,
      endedAt: null,
      tenantId: ei.tenantId,
    };
    tree.jobs.set(job.key, job);
    tree.touch(job);
    if (job.activatable) this.effects.jobTypes.add(job.type);
    else this.raiseIncident(ei, kind === 'BPMN_ELEMENT' ? 'JOB_NO_RETRIES' : 'EXECUTION_LISTENER_NO_RETRIES', 'No more retries left.', 'behave', job.key);
  }

  activateJob(job: Job, worker: string, timeoutMs: number): void {
    job.worker = worker;
    job.deadline = new Date(this.now.getTime() + timeoutMs);
    job.retryAt = null;
    this.treeOfKey(job.rootKey).touch(job);
  }

  completeJob(job: Job, variables: Record<string, unknown>): void {
    const tree = this.treeOfKey(job.rootKey);
    this.endJob(job, 'COMPLETED');
    const ei = tree.elements.get(job.elementInstanceKey)!;
    if (job.kind === 'EXECUTION_LISTENER') {
      ei.runtime.listenerIndex += 1;
      tree.touch(ei);
      if (job.listenerEventType === 'START') {
        setLocalVariables(tree, this.ctx.keys, ei, variables);
        this.later(() => this.runActivation(ei));
      } else {
        propagateVariables(tree, this.ctx.keys, ei, variables);
        this.later(() => this.runCompletion(ei));
      }
      return;
    }
    this.complete(ei, variables);
  }

  failJob(job: Job, failure: { retries: number; errorMessage: string; retryBackOff: number; variables: Record<string, unknown> }): void {
    const tree = this.treeOfKey(job.rootKey);
    const ei = tree.elements.get(job.elementInstanceKey)!;
    setLocalVariables(tree, this.ctx.keys, ei, failure.variables);
    job.state = 'FAILED';
    job.retries = failure.retries;
    job.errorMessage = failure.errorMessage || null;
    job.worker = null;
    job.deadline = null;
    job.retryAt = failure.retryBackOff > 0 ? new Date(this.now.getTime() + failure.retryBackOff) : null;
    job.activatable = failure.retries > 0;
    tree.touch(job);
    if (job.activatable) {
      this.effects.jobTypes.add(job.type);
      return;
    }
    const type = job.kind === 'BPMN_ELEMENT' ? 'JOB_NO_RETRIES' : 'EXECUTION_LISTENER_NO_RETRIES';
    this.raiseIncident(ei, type, failure.errorMessage || 'No more retries left.', 'behave', job.key);
  }

  throwJobError(job: Job, error: { errorCode: string; errorMessage: string; variables: Record<string, unknown> }): void {
    const tree = this.treeOfKey(job.rootKey);
    const ei = tree.elements.get(job.elementInstanceKey)!;
    job.state = 'ERROR_THROWN';
    job.errorCode = error.errorCode;
    job.errorMessage = error.errorMessage || null;
    job.activatable = false;
    job.deadline = null;
    tree.touch(job);
    if (this.throwError(ei, error.errorCode, error.variables)) {
      job.endedAt = this.now;
      return;
    }
    this.raiseIncident(ei, 'UNHANDLED_ERROR_EVENT', unhandledMessage(error.errorCode, error.errorMessage), 'behave', job.key);
  }

  updateJobRetries(job: Job, retries: number): void {
    job.retries = retries;
    job.state = 'RETRIES_UPDATED';
    const incident = [...this.treeOfKey(job.rootKey).incidents.values()].some((i) => i.jobKey === job.key && i.state === 'ACTIVE');
    job.activatable = retries > 0 && !incident && job.errorCode === null;
    this.treeOfKey(job.rootKey).touch(job);
    if (job.activatable) this.effects.jobTypes.add(job.type);
  }

  updateJobTimeout(job: Job, timeoutMs: number): void {
    job.deadline = new Date(this.now.getTime() + timeoutMs);
    this.treeOfKey(job.rootKey).touch(job);
  }

  private endJob(job: Job, state: Job['state']): void {
    job.state = state;
    job.activatable = false;
    job.endedAt = this.now;
    this.treeOfKey(job.rootKey).touch(job);
  }

  // ---------------------------------------------------------------- user tasks

  private createUserTask(ei: ElementInstance, element: ElementModel): void {
    const definition = element.userTask!;
    const evaluated = this.tryEvaluate(ei, 'EXTRACT_VALUE_ERROR', 'behave', () => {
      const context = this.context(ei);
      const text = (raw: string | undefined, what: string) => {
        if (raw === undefined) return null;
        const value = evaluateValue(raw, context);
        if (value === null || value === '') return null;
        if (typeof value !== 'string') throw new FeelError(`Expected the ${what} '${raw}' to be a string, but was '${kindOf(value)}'`);
        return value;
      };
      const dateOf = (raw: string | undefined, what: string) => {
        const value = text(raw, what);
        if (value === null) return null;
        const date = new Date(value);
        if (Number.isNaN(date.getTime())) throw new FeelError(`Expected the ${what} '${raw}' to be an ISO 8601 date-time, but was '${value}'`);
        return date;
      };
      const priority = definition.priority === undefined ? 50 : Number(evaluateValue(definition.priority, context));
      if (!Number.isInteger(priority) || priority < 0 || priority > 100) {
        throw new FeelError(`Expected the priority '${definition.priority}' to be an integer between 0 and 100`);
      }
      return {
        assignee: text(definition.assignee, 'assignee'),
        candidateGroups: definition.candidateGroups ? evaluateStringList(definition.candidateGroups, context, 'candidate groups') : [],
        candidateUsers: definition.candidateUsers ? evaluateStringList(definition.candidateUsers, context, 'candidate users') : [],
        dueDate: dateOf(definition.dueDate, 'due date'),
        followUpDate: dateOf(definition.followUpDate, 'follow-up date'),
        priority,
      };
    });
    if (!evaluated) return;
    let formKey: string | null = null;
    if (definition.formId) {
      const form = this.ctx.definitions.latestForms.get(definition.formId);
      if (!form) {
        this.raiseIncident(ei, 'FORM_NOT_FOUND', `Expected to find a form with id '${definition.formId}', but no form with this id is deployed.`, 'behave');
        return;
      }
      formKey = form.key;
    }
    const tree = this.treeOf(ei);
    const model = this.modelOf(ei);
    const task: UserTask = {
      key: this.ctx.keys.next(),
      rootKey: tree.rootKey,
      processInstanceKey: ei.processInstanceKey,
      elementInstanceKey: ei.key,
      elementId: ei.elementId,
      name: element.name || null,
      definitionKey: ei.definitionKey,
      bpmnProcessId: ei.bpmnProcessId,
      version: this.piOf(ei).version,
      processName: model.name,
      state: 'CREATED',
      ...evaluated,
      formKey,
      externalFormReference: definition.externalReference ?? null,
      customHeaders: element.job?.headers ?? {},
      creationDate: this.now,
      completionDate: null,
      tenantId: ei.tenantId,
    };
    tree.userTasks.set(task.key, task);
    tree.touch(task);
  }

  completeUserTask(task: UserTask, variables: Record<string, unknown>): void {
    const tree = this.treeOfKey(task.rootKey);
    task.state = 'COMPLETED';
    task.completionDate = this.now;
    tree.touch(task);
    this.complete(tree.elements.get(task.elementInstanceKey)!, variables);
  }

  assignUserTask(task: UserTask, assignee: string | null): void {
    task.assignee = assignee;
    this.treeOfKey(task.rootKey).touch(task);
  }

  // ---------------------------------------------------------------- call activities

  private callProcess(ei: ElementInstance, element: ElementModel): void {
    const call = element.call!;
    const meta = this.tryEvaluate(ei, 'CALLED_ELEMENT_ERROR', 'behave', () => {
      const processId = evaluateString(call.processId, this.context(ei), 'called process id');
      const found = this.ctx.definitions.latestOf(processId);
      if (!found) throw new FeelError(`Expected process with BPMN process id '${processId}' to be deployed, but not found.`);
      const model = this.ctx.definitions.model(found.key);
      if (!model.root.noneStartId) throw new FeelError(`Expected process '${processId}' to have a none start event, but it has none.`);
      return found;
    });
    if (!meta) return;
    const tree = this.treeOf(ei);
    const variables = call.propagateAllParentVariables ? this.context(ei) : localVariables(tree, ei.key);
    this.createProcessInstance(meta, variables, { parent: ei });
  }

  // ---------------------------------------------------------------- events: timers and messages

  private openBoundaries(ei: ElementInstance, element: ElementModel): boolean {
    const model = this.modelOf(ei);
    for (const id of element.boundaryIds) {
      const boundary = model.elements.get(id)!;
      if (boundary.event?.kind === 'timer' && !this.openTimer(ei, boundary)) return false;
      if (boundary.event?.kind === 'message' && !this.openSubscription(ei, boundary)) return false;
    }
    return true;
  }

  private openEventSubProcessStarts(container: ElementInstance, element: ElementModel): boolean {
    const model = this.modelOf(container);
    for (const espId of element.eventSubProcessIds) {
      const start = startEventOf(model, espId);
      if (start.event?.kind === 'timer' && !this.openTimer(container, start)) return false;
      if (start.event?.kind === 'message' && !this.openSubscription(container, start)) return false;
    }
    return true;
  }

  /** Opens a timer owned by `owner`; on a bad timer expression raises an incident and answers false. */
  private openTimer(owner: ElementInstance, event: ElementModel): boolean {
    const retry = owner.runtime.phase === 'ACTIVATING' ? 'activate' : 'behave';
    const schedule = this.tryEvaluate(owner, 'EXTRACT_VALUE_ERROR', retry, () => scheduleTimer(event.event!.timer!, this.context(owner), this.now));
    if (!schedule) return false;
    const tree = this.treeOf(owner);
    const timer: Timer = {
      key: this.ctx.keys.next(),
      rootKey: tree.rootKey,
      processInstanceKey: owner.processInstanceKey,
      elementInstanceKey: owner.key,
      definitionKey: owner.definitionKey,
      elementId: event.id,
      dueDate: schedule.dueDate,
      repetitions: schedule.repetitions,
      spec: schedule.spec,
      state: 'ACTIVE',
    };
    tree.timers.set(timer.key, timer);
    tree.touch(timer);
    this.effects.timersChanged = true;
    return true;
  }

  private openSubscription(owner: ElementInstance, event: ElementModel): boolean {
    const retry = owner.runtime.phase === 'ACTIVATING' ? 'activate' : 'behave';
    const message = event.event!.message!;
    const evaluated = this.tryEvaluate(owner, 'EXTRACT_VALUE_ERROR', retry, () => {
      const context = this.context(owner);
      return {
        name: evaluateString(message.name, context, 'message name'),
        correlationKey: evaluateString(message.correlationKey ?? '', context, 'correlation key'),
      };
    });
    if (!evaluated) return false;
    const tree = this.treeOf(owner);
    const subscription: MessageSubscription = {
      key: this.ctx.keys.next(),
      rootKey: tree.rootKey,
      processInstanceKey: owner.processInstanceKey,
      elementInstanceKey: owner.key,
      elementId: event.id,
      bpmnProcessId: owner.bpmnProcessId,
      messageName: evaluated.name,
      correlationKey: evaluated.correlationKey,
      state: 'CREATED',
      createdAt: this.now,
    };
    tree.subscriptions.set(subscription.key, subscription);
    tree.touch(subscription);
    this.later(() => {
      if (subscription.state !== 'CREATED') return;
      const buffered = this.ctx.messages.findFor(subscription.messageName, subscription.correlationKey, subscription.bpmnProcessId, this.now);
      if (buffered) this.correlate(subscription, buffered);
    });
    return true;
  }

  /** Delivers a message to a subscription: records the correlation and triggers the catching event. */
  correlate(subscription: MessageSubscription, message: BufferedMessage): void {
    this.recordCorrelation(message, subscription.bpmnProcessId, subscription.processInstanceKey);
    const tree = this.treeOfKey(subscription.rootKey);
    const owner = tree.elements.get(subscription.elementInstanceKey)!;
    this.trigger(owner, subscription.elementId, message.variables);
  }

  /**
   * Starts an instance at a message start event, unless (as in Zeebe) an instance of the process
   * started by a message with the same non-empty correlation key is still active: then the message
   * stays buffered and starts an instance when that one ends.
   */
  startByMessage(start: MessageStart, message: BufferedMessage): ProcessInstance | undefined {
    const { bpmnProcessId } = start.meta;
    const locking = message.correlationKey !== '';
    if (locking && this.ctx.startLocks.isHeld(bpmnProcessId, message.correlationKey)) return undefined;
    const pi = this.createProcessInstance(start.meta, message.variables, { startEventId: start.elementId });
    this.recordCorrelation(message, bpmnProcessId, pi.key);
    if (locking) {
      pi.startCorrelationKey = message.correlationKey;
      this.ctx.startLocks.acquire(bpmnProcessId, message.correlationKey);
      this.undo.push(() => this.ctx.startLocks.release(bpmnProcessId, message.correlationKey));
    }
    return pi;
  }

  /** A message-started root instance ended: its key is free, and the oldest buffered message waiting for it starts the next. */
  private releaseStartLock(pi: ProcessInstance): void {
    const key = pi.startCorrelationKey;
    if (key === null) return;
    this.ctx.startLocks.release(pi.bpmnProcessId, key);
    this.undo.push(() => this.ctx.startLocks.acquire(pi.bpmnProcessId, key));
    const starts = this.ctx.definitions.messageStartsOf(pi.bpmnProcessId);
    const names = starts.map((start) => start.messageName);
    const waiting = this.ctx.messages.findStartFor(names, key, pi.bpmnProcessId, this.now);
    if (!waiting) return;
    this.startByMessage(starts.find((start) => start.messageName === waiting.name)!, waiting);
  }

  /** A message reaches each process at most once: here, and in message_correlations across restarts. */
  private recordCorrelation(message: BufferedMessage, bpmnProcessId: string, processInstanceKey: string): void {
    if (!message.correlatedTo.has(bpmnProcessId)) {
      message.correlatedTo.add(bpmnProcessId);
      this.undo.push(() => message.correlatedTo.delete(bpmnProcessId));
    }
    this.changeset.put('message_correlations', `${message.key}#${bpmnProcessId}`, {
      message_key: message.key,
      bpmn_process_id: bpmnProcessId,
      process_instance_key: processInstanceKey,
    });
  }

  fireTimer(timer: Timer): void {
    const tree = this.treeOfKey(timer.rootKey!);
    const owner = tree.elements.get(timer.elementInstanceKey!);
    timer.state = 'TRIGGERED';
    tree.touch(timer);
    this.effects.timersChanged = true;
    if (!owner || owner.state !== 'ACTIVE') return;
    const event = this.modelOf(owner).elements.get(timer.elementId)!;
    const repeats = timer.repetitions !== 0 && !event.interrupting && owner.elementId !== timer.elementId;
    this.trigger(owner, timer.elementId, {});
    if (repeats && owner.state === 'ACTIVE') {
      const next: Timer = {
        ...timer,
        key: this.ctx.keys.next(),
        dueDate: nextCycleDue(timer.spec, this.now),
        repetitions: timer.repetitions < 0 ? -1 : timer.repetitions - 1,
        state: 'ACTIVE',
      };
      tree.timers.set(next.key, next);
      tree.touch(next);
    }
  }

  /** An event owned by `owner` happened: a catch event completes, a boundary or event subprocess starts. */
  private trigger(owner: ElementInstance, eventId: string, variables: Record<string, unknown>): void {
    const tree = this.treeOf(owner);
    const model = this.modelOf(owner);
    const event = model.elements.get(eventId)!;
    const subscriptionEnded = (s: MessageSubscription) => s.elementInstanceKey === owner.key && s.elementId === eventId && s.state === 'CREATED';
    for (const s of tree.subscriptions.values()) {
      if (subscriptionEnded(s) && (event.interrupting || owner.elementId === eventId || owner.type === 'EVENT_BASED_GATEWAY')) {
        s.state = 'CORRELATED';
        tree.touch(s);
      }
    }
    if (owner.elementId === eventId) {
      this.closeOwned(owner);
      this.complete(owner, variables);
      return;
    }
    if (owner.type === 'EVENT_BASED_GATEWAY') {
      this.closeOwned(owner);
      owner.runtime.takenFlows = [this.elementOf(owner).outgoing.find((f) => f.targetId === eventId)!.id];
      owner.runtime.trigger = variables;
      tree.touch(owner);
      this.complete(owner);
      return;
    }
    if (event.kind === 'boundaryEvent') {
      const scope = this.scopeOf(owner)!;
      if (event.interrupting) this.terminate(owner);
      this.activate(scope, eventId, { trigger: variables });
      return;
    }
    const esp = model.elements.get(event.scopeId!)!;
    if (event.interrupting) {
      this.terminateChildren(owner);
      for (const t of tree.timers.values()) if (t.elementInstanceKey === owner.key && this.isEventSubProcessStart(model, t.elementId)) this.cancelTimer(t);
      for (const s of tree.subscriptions.values()) {
        if (s.elementInstanceKey === owner.key && s.state === 'CREATED' && this.isEventSubProcessStart(model, s.elementId)) {
          s.state = 'DELETED';
          tree.touch(s);
        }
      }
    }
    this.activate(owner, esp.id, { trigger: variables, startEventId: eventId });
  }

  private isEventSubProcessStart(model: ProcessModel, elementId: string): boolean {
    const element = model.elements.get(elementId)!;
    return element.kind === 'startEvent' && model.elements.get(element.scopeId!)?.kind === 'eventSubProcess';
  }

  private closeOwned(ei: ElementInstance): void {
    const tree = this.treeOf(ei);
    for (const t of tree.timers.values()) if (t.elementInstanceKey === ei.key && t.state === 'ACTIVE') this.cancelTimer(t);
    for (const s of tree.subscriptions.values()) {
      if (s.elementInstanceKey === ei.key && s.state === 'CREATED') {
        s.state = 'DELETED';
        tree.touch(s);
      }
    }
  }

  private cancelTimer(timer: Timer): void {
    timer.state = 'CANCELED';
    this.treeOfKey(timer.rootKey!).touch(timer);
    this.effects.timersChanged = true;
  }

  // ---------------------------------------------------------------- errors

  private throwFromElement(ei: ElementInstance, element: ElementModel): void {
    const code = element.event!.errorCode!;
    if (!this.throwError(ei, code, {})) {
      this.raiseIncident(ei, 'UNHANDLED_ERROR_EVENT', unhandledMessage(code, ''), 'behave');
    }
  }

  /** Finds the innermost catch for an error and hands it over; false when nothing catches it. */
  private throwError(from: ElementInstance, errorCode: string, variables: Record<string, unknown>): boolean {
    const tree = this.treeOf(from);
    let current: ElementInstance | undefined = from;
    while (current) {
      const model = this.modelOf(current);
      const element = this.elementOf(current);
      if (['PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS'].includes(current.type)) {
        const starts = element.eventSubProcessIds.map((id) => startEventOf(model, id)).filter((s) => s.event?.kind === 'error');
        const start = bestCatch(starts, errorCode);
        if (start) {
          this.terminateChildren(current);
          this.activate(current, start.scopeId!, { trigger: variables, startEventId: start.id });
          return true;
        }
      }
      if (current.type !== 'PROCESS' && current.runtime.loopCounter === undefined) {
        const boundaries = element.boundaryIds.map((id) => model.elements.get(id)!).filter((b) => b.event?.kind === 'error');
        const boundary = bestCatch(boundaries, errorCode);
        if (boundary) {
          const scope = this.scopeOf(current)!;
          this.terminate(current);
          this.activate(scope, boundary.id, { trigger: variables });
          return true;
        }
      }
      if (current.flowScopeKey) current = tree.elements.get(current.flowScopeKey);
      else {
        const pi = this.piOf(current);
        current = pi.parentElementInstanceKey ? tree.elements.get(pi.parentElementInstanceKey) : undefined;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- incidents

  /**
   * Runs an evaluation; if it fails, raises an incident on the element that remembers which step
   * to retry on resolution, and answers undefined.
   */
  private tryEvaluate<T>(ei: ElementInstance, type: IncidentType, retry: NonNullable<ElementInstance['runtime']['retry']>, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof FeelError)) throw error;
      this.raiseIncident(ei, type, error.message, retry);
      return undefined;
    }
  }

  private raiseIncident(
    ei: ElementInstance,
    type: IncidentType,
    message: string,
    retry: NonNullable<ElementInstance['runtime']['retry']>,
    jobKey: string | null = null,
  ): void {
    const tree = this.treeOf(ei);
    const incident: Incident = {
      key: this.ctx.keys.next(),
      rootKey: tree.rootKey,
      processInstanceKey: ei.processInstanceKey,
      elementInstanceKey: ei.key,
      elementId: ei.elementId,
      definitionKey: ei.definitionKey,
      bpmnProcessId: ei.bpmnProcessId,
      errorType: type,
      errorMessage: message,
      state: 'ACTIVE',
      jobKey,
      creationTime: this.now,
      tenantId: ei.tenantId,
    };
    tree.incidents.set(incident.key, incident);
    tree.touch(incident);
    ei.incidentKey = incident.key;
    ei.runtime.retry = retry;
    tree.touch(ei);
    const pi = this.piOf(ei);
    pi.hasIncident = true;
    tree.touch(pi);
  }

  resolveIncident(incident: Incident): void {
    const tree = this.treeOfKey(incident.rootKey);
    incident.state = 'RESOLVED';
    tree.touch(incident);
    const ei = tree.elements.get(incident.elementInstanceKey)!;
    ei.incidentKey = null;
    const retry = ei.runtime.retry;
    delete ei.runtime.retry;
    tree.touch(ei);
    this.refreshIncidentFlag(this.piOf(ei));
    const job = incident.jobKey ? tree.jobs.get(incident.jobKey) : undefined;
    if (job && !job.endedAt) {
      if (job.state === 'ERROR_THROWN') {
        job.state = 'CREATED';
        job.errorCode = null;
      }
      job.activatable = job.retries > 0;
      job.retryAt = null;
      job.deadline = null;
      tree.touch(job);
      if (job.activatable) this.effects.jobTypes.add(job.type);
      return;
    }
    if (retry === 'activate') this.later(() => this.runActivation(ei));
    else if (retry === 'complete') this.later(() => this.runCompletion(ei));
    else this.later(() => this.behave(ei, this.elementOf(ei)));
  }

  private refreshIncidentFlag(pi: ProcessInstance): void {
    const tree = this.treeOfKey(pi.rootKey);
    const has = [...tree.incidents.values()].some((i) => i.processInstanceKey === pi.key && i.state === 'ACTIVE');
    if (pi.hasIncident !== has) {
      pi.hasIncident = has;
      tree.touch(pi);
    }
  }

  // ---------------------------------------------------------------- lookups

  /** All variables visible from an element instance, inner scopes shadowing outer ones. */
  context(ei: ElementInstance): Record<string, unknown> {
    return visibleVariables(this.treeOf(ei), ei);
  }

  private treeOf(ei: ElementInstance): InstanceTree {
    return this.treeOfKey(ei.rootKey);
  }

  treeOfKey(rootKey: string): InstanceTree {
    const tree = this.trees.get(rootKey);
    if (!tree) throw new Error(`instance tree ${rootKey} is not part of this transition`);
    return tree;
  }

  private piOf(ei: ElementInstance): ProcessInstance {
    return this.treeOf(ei).processInstances.get(ei.processInstanceKey)!;
  }

  private scopeOf(ei: ElementInstance): ElementInstance | undefined {
    return ei.flowScopeKey ? this.treeOf(ei).elements.get(ei.flowScopeKey) : undefined;
  }

  private modelOf(ei: ElementInstance): ProcessModel {
    return this.ctx.definitions.model(ei.definitionKey);
  }

  private elementOf(ei: ElementInstance): ElementModel {
    return this.modelOf(ei).elements.get(ei.elementId)!;
  }
}

function startEventOf(model: ProcessModel, eventSubProcessId: string): ElementModel {
  for (const e of model.elements.values()) if (e.scopeId === eventSubProcessId && e.kind === 'startEvent') return e;
  throw new Error(`event subprocess ${eventSubProcessId} has no start event`);
}

/** An exact error-code match wins over a catch-all error event. */
function bestCatch(candidates: ElementModel[], errorCode: string): ElementModel | undefined {
  return candidates.find((c) => c.event?.errorCode === errorCode) ?? candidates.find((c) => c.event?.errorCode === undefined);
}

function unhandledMessage(code: string, message: string): string {
  return `Expected to throw an error event with the code '${code}' with message '${message}', but it was not caught. No error events are available in the scope.`;
}

/** Turns a mapping target `a.b.c` into the variable `a` with the nested value set, keeping a's other fields. */
function pathValue(target: string, value: unknown, scope: ElementInstance, tree: InstanceTree): Record<string, unknown> {
  const parts = target.split('.');
  if (parts.length === 1) return { [target]: value };
  const existing = visibleVariables(tree, scope)[parts[0]];
  const root: Record<string, unknown> = existing && typeof existing === 'object' && !Array.isArray(existing) ? structuredClone(existing as Record<string, unknown>) : {};
  let cursor = root;
  for (const part of parts.slice(1, -1)) {
    const next = cursor[part];
    cursor = cursor[part] = next && typeof next === 'object' && !Array.isArray(next) ? (next as Record<string, unknown>) : {};
  }
  cursor[parts[parts.length - 1]] = value;
  return { [parts[0]]: root };
}
