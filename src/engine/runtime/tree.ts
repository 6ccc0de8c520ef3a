import { Changeset } from '../store/changeset.js';
import {
  elementInstanceRow,
  incidentRow,
  jobRow,
  processInstanceRow,
  signalSubscriptionRow,
  subscriptionRow,
  timerRow,
  userTaskRow,
  variableRow,
} from '../store/rows.js';
import type { ElementInstance, Incident, Job, ProcessInstance, Subscription, Timer, UserTask, Variable } from './entities.js';

/**
 * The live part of one root process instance and every instance it called: the unit that is loaded
 * from PostgreSQL on demand, changed by commands and written back. Ended records stay only until
 * the command that ended them is written.
 */
export class InstanceTree {
  readonly processInstances = new Map<string, ProcessInstance>();
  readonly elements = new Map<string, ElementInstance>();
  readonly children = new Map<string, Set<string>>();
  /** Variables by scope key, then name. */
  readonly variables = new Map<string, Map<string, Variable>>();
  readonly jobs = new Map<string, Job>();
  readonly userTasks = new Map<string, UserTask>();
  readonly incidents = new Map<string, Incident>();
  readonly timers = new Map<string, Timer>();
  /** Message and signal subscriptions. */
  readonly subscriptions = new Map<string, Subscription>();
  /** Commands whose rows are not yet committed; a tree with any cannot be evicted. */
  pendingCommits = 0;
  lastUsed = Date.now();

  private readonly dirty = new Set<object>();

  constructor(readonly rootKey: string) {}

  touch(record: object): void {
    this.dirty.add(record);
  }

  addProcessInstance(p: ProcessInstance): void {
    this.processInstances.set(p.key, p);
    this.touch(p);
  }

  addElement(e: ElementInstance): void {
    this.elements.set(e.key, e);
    if (e.flowScopeKey) {
      let set = this.children.get(e.flowScopeKey);
      if (!set) this.children.set(e.flowScopeKey, (set = new Set()));
      set.add(e.key);
    }
    this.touch(e);
  }

  /** An element instance the tree's records refer to; a missing one is a bug, not a user's mistake. */
  element(key: string): ElementInstance {
    const ei = this.elements.get(key);
    if (!ei) throw new Error(`element instance ${key} is not part of instance tree ${this.rootKey}`);
    return ei;
  }

  childrenOf(key: string): ElementInstance[] {
    const keys = this.children.get(key);
    return keys ? [...keys].flatMap((k) => this.elements.get(k) ?? []) : [];
  }

  /** Called when an element instance ends: it leaves its scope's set of active children. */
  detach(e: ElementInstance): void {
    if (e.flowScopeKey) this.children.get(e.flowScopeKey)?.delete(e.key);
  }

  putVariable(v: Variable): void {
    let scope = this.variables.get(v.scopeKey);
    if (!scope) this.variables.set(v.scopeKey, (scope = new Map()));
    scope.set(v.name, v);
    this.touch(v);
  }

  /**
   * Snapshots every record changed since the last call into rows, and forgets records that have
   * ended, so memory holds only what can still change.
   */
  drainChanges(into: Changeset): void {
    for (const record of this.dirty) this.snapshot(record, into);
    this.dirty.clear();
    this.forgetEnded();
  }

  private snapshot(record: object, into: Changeset): void {
    const r = record as { key: string };
    if (isVariable(record)) into.put('variables', r.key, variableRow(record));
    else if (this.processInstances.get(r.key) === record)
      into.put('process_instances', r.key, processInstanceRow(record as ProcessInstance));
    else if (this.elements.get(r.key) === record) into.put('element_instances', r.key, elementInstanceRow(record as ElementInstance));
    else if (this.jobs.get(r.key) === record) into.put('jobs', r.key, jobRow(record as Job));
    else if (this.userTasks.get(r.key) === record) into.put('user_tasks', r.key, userTaskRow(record as UserTask));
    else if (this.incidents.get(r.key) === record) into.put('incidents', r.key, incidentRow(record as Incident));
    else if (this.timers.get(r.key) === record) into.put('timers', r.key, timerRow(record as Timer));
    else if (this.subscriptions.get(r.key) === record) this.snapshotSubscription(record as Subscription, into);
  }

  private snapshotSubscription(s: Subscription, into: Changeset): void {
    if (s.kind === 'signal') into.put('signal_subscriptions', s.key, signalSubscriptionRow(s));
    else into.put('message_subscriptions', s.key, subscriptionRow(s));
  }

  private forgetEnded(): void {
    for (const [key, e] of this.elements) {
      if (e.state !== 'ACTIVE') {
        this.elements.delete(key);
        this.children.delete(key);
        this.variables.delete(key);
      }
    }
    for (const [key, p] of this.processInstances) if (p.state !== 'ACTIVE') this.processInstances.delete(key);
    for (const [key, j] of this.jobs) if (j.endedAt) this.jobs.delete(key);
    for (const [key, u] of this.userTasks) if (u.state !== 'CREATED') this.userTasks.delete(key);
    for (const [key, i] of this.incidents) if (i.state !== 'ACTIVE') this.incidents.delete(key);
    for (const [key, t] of this.timers) if (t.state !== 'ACTIVE') this.timers.delete(key);
    for (const [key, s] of this.subscriptions) if (s.state !== 'CREATED') this.subscriptions.delete(key);
  }

  get ended(): boolean {
    const root = this.processInstances.get(this.rootKey);
    return !root;
  }
}

function isVariable(record: object): record is Variable {
  return 'scopeKey' in record && 'value' in record;
}
