import { elementIn } from '../model/element-lookup.js';
import type { ElementModel, ProcessModel } from '../model/types.js';
import { Changeset } from '../store/changeset.js';
import { CallActivityBehaviour } from './call-activity-behaviour.js';
import type { DefinitionRegistry } from './definitions.js';
import type { EngineClock } from './clock.js';
import { ElementLifecycle } from './element-lifecycle.js';
import type { ElementInstance, ElementOwner, ProcessInstance, Timer } from './entities.js';
import { ErrorPropagation } from './error-propagation.js';
import { EventTriggers } from './event-triggers.js';
import { Incidents } from './incidents.js';
import { JobBehaviour } from './job-behaviour.js';
import type { KeyGenerator } from './keys.js';
import { MessageCorrelation } from './message-correlation.js';
import type { MessageStartLocks } from './message-start-locks.js';
import type { MessageBuffer } from './messages.js';
import { MultiInstance } from './multi-instance.js';
import { ProcessInstances } from './process-instances.js';
import { SequenceFlows } from './sequence-flows.js';
import { Termination } from './termination.js';
import type { InstanceTree } from './tree.js';
import { UserTaskBehaviour } from './user-task-behaviour.js';
import { visibleVariables } from './variables.js';

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
  /** The earliest due date of the timers this transition created: the timer loop wakes by then. */
  earliestTimer: Date | undefined;
  /** Root process instances that ended, with their root-scope variables (for awaitCompletion). */
  endedInstances: Map<string, { completed: boolean; variables: Record<string, unknown> }>;
  /** Signals thrown by signal throw and end events, broadcast once committed. */
  signals: Array<{ signalName: string; variables: Record<string, unknown> }>;
}

const MAX_STEPS = 100_000;

/**
 * One command's worth of BPMN execution on loaded instance trees, with Zeebe's semantics: element
 * lifecycles, variable scopes, jobs, user tasks, events, incidents. Entirely synchronous: steps run
 * from a queue until the trees are at rest, and the changed records are then drained as rows.
 *
 * This class holds the transition's state (trees, step queue, undo log, effects) and the lookups;
 * each area of behaviour is a collaborator that is handed the transition and reaches the others
 * through it, so no two runtime modules import each other.
 */
export class Transition {
  readonly effects: Effects = { jobTypes: new Set(), earliestTimer: undefined, endedInstances: new Map(), signals: [] };
  readonly changeset = new Changeset();
  private readonly trees = new Map<string, InstanceTree>();
  private readonly steps: Array<() => void> = [];
  /** Reverts what this transition changed outside its trees, should its rows never be committed. */
  private readonly undo: Array<() => void> = [];
  readonly now: Date;

  readonly instances = new ProcessInstances(this);
  readonly lifecycle = new ElementLifecycle(this);
  readonly flows = new SequenceFlows(this);
  readonly termination = new Termination(this);
  readonly multiInstance = new MultiInstance(this);
  readonly jobs = new JobBehaviour(this);
  readonly userTasks = new UserTaskBehaviour(this);
  readonly calls = new CallActivityBehaviour(this);
  readonly events = new EventTriggers(this);
  readonly correlation = new MessageCorrelation(this);
  readonly errors = new ErrorPropagation(this);
  readonly incidents = new Incidents(this);

  constructor(readonly ctx: TransitionContext) {
    this.now = ctx.clock.now();
  }

  /** A timer was created: once committed, the timer loop must wake by its due date. */
  timerCreated(timer: Timer): void {
    const earliest = this.effects.earliestTimer;
    if (!earliest || timer.dueDate < earliest) this.effects.earliestTimer = timer.dueDate;
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
      this.steps.shift()?.();
    }
    for (const tree of this.trees.values()) tree.drainChanges(this.changeset);
    return this.changeset;
  }

  /** Queues a step to run once the current one is done. */
  later(step: () => void): void {
    this.steps.push(step);
  }

  /** Remembers how to revert a change to shared in-memory state, for rollback. */
  onRollback(revert: () => void): void {
    this.undo.push(revert);
  }

  /** Puts the shared in-memory state (message buffer, start locks) back as it was before this transition. */
  rollback(): void {
    for (const revert of this.undo.splice(0).reverse()) revert();
  }

  /** All variables visible from an element instance, inner scopes shadowing outer ones. */
  context(ei: ElementInstance): Record<string, unknown> {
    return visibleVariables(this.treeOf(ei), ei);
  }

  treeOf(ei: ElementInstance): InstanceTree {
    return this.treeOfKey(ei.rootKey);
  }

  treeOfKey(rootKey: string): InstanceTree {
    const tree = this.trees.get(rootKey);
    if (!tree) throw new Error(`instance tree ${rootKey} is not part of this transition`);
    return tree;
  }

  piOf(ei: ElementInstance): ProcessInstance {
    const pi = this.treeOf(ei).processInstances.get(ei.processInstanceKey);
    if (!pi) throw new Error(`process instance ${ei.processInstanceKey} is not part of instance tree ${ei.rootKey}`);
    return pi;
  }

  scopeOf(ei: ElementInstance): ElementInstance | undefined {
    return ei.flowScopeKey ? this.treeOf(ei).elements.get(ei.flowScopeKey) : undefined;
  }

  modelOf(ei: ElementInstance): ProcessModel {
    return this.ctx.definitions.model(ei.definitionKey);
  }

  /** How a job, user task or incident created for this element instance names it. */
  ownerOf(ei: ElementInstance): ElementOwner {
    return {
      rootKey: ei.rootKey,
      processInstanceKey: ei.processInstanceKey,
      elementInstanceKey: ei.key,
      elementId: ei.elementId,
      definitionKey: ei.definitionKey,
      bpmnProcessId: ei.bpmnProcessId,
      tenantId: ei.tenantId,
    };
  }

  elementOf(ei: ElementInstance): ElementModel {
    return elementIn(this.modelOf(ei), ei.elementId);
  }
}
