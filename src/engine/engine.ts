import { createHash } from 'node:crypto';
import pg from 'pg';
import type {
  ActivatedJob,
  ActivateJobsRequest,
  CorrelateMessage,
  CreatedInstance,
  CreateInstanceRequest,
  DeploymentOutcome,
  DeploymentResource,
  EngineCommands,
  JobError,
  JobFailure,
  PublishMessage,
} from './commands.js';
import { EngineRejection } from './errors.js';
import { compileBpmn } from './model/compile.js';
import type { ProcessModel } from './model/types.js';
import { EngineClock } from './runtime/clock.js';
import { DefinitionRegistry, type DefinitionMeta } from './runtime/definitions.js';
import type { BufferedMessage, Job, Timer } from './runtime/entities.js';
import { KeyGenerator, KeysExhausted } from './runtime/keys.js';
import { MessageStartLocks } from './runtime/message-start-locks.js';
import { MessageBuffer } from './runtime/messages.js';
import { nextCycleDue, scheduleTimer } from './runtime/timer-schedule.js';
import { Transition } from './runtime/transition.js';
import type { InstanceTree } from './runtime/tree.js';
import { visibleVariables } from './runtime/variables.js';
import { Changeset } from './store/changeset.js';
import { loadTree } from './store/loader.js';
import { messageFromRow, messageRow, timerFromRow, timerRow } from './store/rows.js';
import { ENGINE_SCHEMA } from './store/schema.js';
import { ChangeWriter } from './store/writer.js';

const S = ENGINE_SCHEMA;
const DEFAULT_TENANT = '<default>';
const TIMER_POLL_MS = 100;
const JOB_RECHECK_MS = 500;
/** PostgreSQL's SQLSTATE for "terminating connection due to administrator command". */
const ADMIN_SHUTDOWN = '57P01';

export interface EngineOptions {
  databaseUrl: string;
  clockControl: boolean;
  /** How many instance trees stay in memory when idle. */
  maxCachedTrees?: number;
  onError?: (error: unknown, context: string) => void;
}

interface JobWaiter {
  type: string;
  wake: () => void;
}

/**
 * The embedded engine: Zeebe's semantics on PostgreSQL. Commands load the instance trees they
 * touch (lazily, from the database), run one synchronous transition on them, and are acknowledged
 * once the rows it changed are committed.
 */
export class EmbeddedEngine implements EngineCommands {
  readonly clock: EngineClock;
  private readonly pool: pg.Pool;
  private readonly writer: ChangeWriter;
  private readonly keys: KeyGenerator;
  private readonly definitions: DefinitionRegistry;
  private readonly messages = new MessageBuffer();
  private readonly startLocks = new MessageStartLocks();
  private readonly trees = new Map<string, InstanceTree>();
  private readonly loading = new Map<string, Promise<InstanceTree | undefined>>();
  private readonly jobWaiters = new Set<JobWaiter>();
  private readonly completionWaiters = new Map<string, Array<(ended: { completed: boolean; variables: Record<string, unknown> }) => void>>();
  private deploying: Promise<unknown> = Promise.resolve();
  private timerLoop: NodeJS.Timeout | undefined;
  private timerPass: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: EngineOptions) {
    this.pool = new pg.Pool({ connectionString: options.databaseUrl, max: 8 });
    this.pool.on('error', (error) => {
      // PostgreSQL shutting down (Ctrl-C reaches it too) closes idle connections on purpose; a query
      // that needs one later fails on its own.
      if ((error as { code?: string }).code !== ADMIN_SHUTDOWN) this.report(error, 'idle database connection');
    });
    this.writer = new ChangeWriter(this.pool);
    this.keys = new KeyGenerator(this.pool);
    this.definitions = new DefinitionRegistry(this.pool);
    this.clock = new EngineClock(options.clockControl);
  }

  /** Reads deployed definitions and live messages; instances stay on disk until an event needs them. */
  async start(): Promise<void> {
    await this.writer.init();
    await this.definitions.load();
    await this.startLocks.load(this.pool);
    const now = this.clock.now();
    const messages = await this.pool.query(`SELECT * FROM ${S}.messages WHERE expires_at > $1`, [now]);
    if (messages.rows.length > 0) {
      const correlations = await this.pool.query(`SELECT message_key, bpmn_process_id FROM ${S}.message_correlations WHERE message_key = ANY($1)`, [
        messages.rows.map((r) => r.key),
      ]);
      for (const row of messages.rows) {
        const to = correlations.rows.filter((c) => String(c.message_key) === String(row.key)).map((c) => c.bpmn_process_id);
        this.messages.add(messageFromRow(row, to));
      }
    }
    this.scheduleTimerPass(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timerLoop);
    await this.timerPass;
    for (const waiter of this.jobWaiters) waiter.wake();
    await this.pool.end();
  }

  get cachedTrees(): number {
    return this.trees.size;
  }

  // ------------------------------------------------------------------ deployments

  deploy(resources: DeploymentResource[], tenantId: string): Promise<DeploymentOutcome> {
    const run = this.deploying.then(() => this.deployNow(resources, tenantId || DEFAULT_TENANT));
    this.deploying = run.catch(() => undefined);
    return run;
  }

  private async deployNow(resources: DeploymentResource[], tenantId: string): Promise<DeploymentOutcome> {
    if (resources.length === 0) throw EngineRejection.invalidArgument('Expected to deploy at least one resource, but none given');
    const parsed: Array<{ resource: DeploymentResource; checksum: string; processes?: ProcessModel[]; form?: { id: string } }> = [];
    for (const resource of resources) {
      const checksum = createHash('sha256').update(resource.content).digest('hex');
      const text = resource.content.toString('utf8');
      if (/\.(bpmn|xml)$/i.test(resource.name)) {
        parsed.push({ resource, checksum, processes: (await compileBpmn(text, resource.name)).processes });
      } else if (/\.form$/i.test(resource.name)) {
        parsed.push({ resource, checksum, form: parseForm(text, resource.name) });
      } else {
        throw EngineRejection.invalidArgument(
          `Expected to deploy .bpmn or .form resources, but '${resource.name}' is neither (DMN and other resources are not supported by the embedded engine)`,
        );
      }
    }
    await this.keys.reserve(50 + parsed.length * 4);
    const now = this.clock.now();
    const deploymentKey = this.keys.next();
    const changes = new Changeset();
    const outcome: DeploymentOutcome = { deploymentKey, tenantId, processes: [], forms: [] };
    const registrations: Array<() => void> = [];
    const seenIds = new Set<string>();
    for (const item of parsed) {
      for (const model of item.processes ?? []) {
        if (seenIds.has(model.bpmnProcessId)) {
          throw EngineRejection.invalidArgument(`Expected the process id '${model.bpmnProcessId}' to be unique within the deployment, but it occurs twice`);
        }
        seenIds.add(model.bpmnProcessId);
        const latest = this.definitions.latestOf(model.bpmnProcessId);
        if (latest && latest.checksum === item.checksum) {
          outcome.processes.push({
            processDefinitionId: latest.bpmnProcessId,
            processDefinitionVersion: latest.version,
            processDefinitionKey: latest.key,
            resourceName: latest.resourceName,
          });
          continue;
        }
        const meta: DefinitionMeta = {
          key: this.keys.next(),
          bpmnProcessId: model.bpmnProcessId,
          version: (latest?.version ?? 0) + 1,
          name: model.name,
          versionTag: model.versionTag,
          checksum: item.checksum,
          resourceName: item.resource.name,
          tenantId,
        };
        changes.put('process_definitions', meta.key, {
          key: meta.key,
          bpmn_process_id: meta.bpmnProcessId,
          version: meta.version,
          name: meta.name,
          version_tag: meta.versionTag,
          resource_name: meta.resourceName,
          checksum: meta.checksum,
          xml: item.resource.content.toString('utf8'),
          deployment_key: deploymentKey,
          has_start_form: model.hasStartForm,
          tenant_id: tenantId,
          created_at: now.toISOString(),
        });
        await this.replaceStartTimers(changes, latest, meta, model, now);
        registrations.push(() => this.definitions.register(meta, model));
        outcome.processes.push({
          processDefinitionId: meta.bpmnProcessId,
          processDefinitionVersion: meta.version,
          processDefinitionKey: meta.key,
          resourceName: meta.resourceName,
        });
      }
      if (item.form) {
        const latest = this.definitions.latestForms.get(item.form.id);
        if (latest && latest.checksum === item.checksum) {
          outcome.forms.push({ formId: latest.formId, version: latest.version, formKey: latest.key, resourceName: item.resource.name });
          continue;
        }
        const form = { key: this.keys.next(), formId: item.form.id, version: (latest?.version ?? 0) + 1, checksum: item.checksum };
        changes.put('forms', form.key, {
          key: form.key,
          form_id: form.formId,
          version: form.version,
          resource_name: item.resource.name,
          checksum: form.checksum,
          schema: item.resource.content.toString('utf8'),
          deployment_key: deploymentKey,
          tenant_id: tenantId,
        });
        registrations.push(() => this.definitions.registerForm(form));
        outcome.forms.push({ formId: form.formId, version: form.version, formKey: form.key, resourceName: item.resource.name });
      }
    }
    changes.put('deployments', deploymentKey, { key: deploymentKey, tenant_id: tenantId, created_at: now.toISOString() });
    await this.writer.commit(changes);
    for (const register of registrations) register();
    this.pokeTimers();
    return outcome;
  }

  /** A new version's timer start events replace the previous version's, as in Zeebe. */
  private async replaceStartTimers(changes: Changeset, previous: DefinitionMeta | undefined, meta: DefinitionMeta, model: ProcessModel, now: Date): Promise<void> {
    if (previous) {
      const old = await this.pool.query(`SELECT * FROM ${S}.timers WHERE definition_key = $1 AND root_key IS NULL AND state = 'ACTIVE'`, [previous.key]);
      for (const row of old.rows) changes.put('timers', String(row.key), timerRow({ ...timerFromRow(row), state: 'CANCELED' }));
    }
    for (const id of model.timerStartIds) {
      const schedule = scheduleTimer(model.elements.get(id)!.event!.timer!, {}, now);
      const timer: Timer = {
        key: this.keys.next(),
        rootKey: null,
        processInstanceKey: null,
        elementInstanceKey: null,
        definitionKey: meta.key,
        elementId: id,
        dueDate: schedule.dueDate,
        repetitions: schedule.repetitions,
        spec: schedule.spec,
        state: 'ACTIVE',
      };
      changes.put('timers', timer.key, timerRow(timer));
    }
  }

  // ------------------------------------------------------------------ process instances

  async createProcessInstance(request: CreateInstanceRequest): Promise<CreatedInstance> {
    const meta = this.resolveDefinition(request);
    const model = await this.definitions.ensureModel(meta.key);
    if (!model.root.noneStartId) {
      throw EngineRejection.invalidArgument(
        `Expected to create instance of process with none start event, but there is no such event (process '${meta.bpmnProcessId}')`,
      );
    }
    let waiter: Promise<{ completed: boolean; variables: Record<string, unknown> }> | undefined;
    const pi = await this.run([], (tx) => {
      const created = tx.instances.create(meta, request.variables);
      if (request.awaitCompletion) waiter = this.waitForEnd(created.key);
      return created;
    });
    const base = {
      processDefinitionId: meta.bpmnProcessId,
      processDefinitionVersion: meta.version,
      processDefinitionKey: meta.key,
      processInstanceKey: pi.key,
    };
    if (!request.awaitCompletion || !waiter) return { ...base, variables: request.variables };
    const timeout = request.requestTimeout > 0 ? request.requestTimeout : 60_000;
    const ended = await withTimeout(waiter, timeout, () => {
      this.completionWaiters.delete(pi.key);
      return new EngineRejection(504, 'DEADLINE_EXCEEDED', `Expected the process instance '${pi.key}' to complete within ${timeout} ms, but it did not`);
    });
    if (!ended.completed) {
      throw EngineRejection.invalidState(`Expected the process instance '${pi.key}' to complete, but it was terminated`);
    }
    const fetch = request.fetchVariables;
    const variables = fetch?.length ? Object.fromEntries(Object.entries(ended.variables).filter(([k]) => fetch.includes(k))) : ended.variables;
    return { ...base, variables };
  }

  private resolveDefinition(request: CreateInstanceRequest): DefinitionMeta {
    if (request.processDefinitionKey) {
      const meta = this.definitions.byKey.get(request.processDefinitionKey);
      if (!meta) {
        throw EngineRejection.notFound(`Expected to find process definition with key '${request.processDefinitionKey}', but none found`);
      }
      return meta;
    }
    const id = request.processDefinitionId ?? '';
    const version = request.processDefinitionVersion;
    if (version === undefined || version < 0) {
      const latest = this.definitions.latestOf(id);
      if (!latest) throw EngineRejection.notFound(`Expected to find process definition with process ID '${id}', but none found`);
      return latest;
    }
    for (const meta of this.definitions.byKey.values()) if (meta.bpmnProcessId === id && meta.version === version) return meta;
    throw EngineRejection.notFound(`Expected to find process definition with process ID '${id}' and version '${version}', but none found`);
  }

  private waitForEnd(processInstanceKey: string): Promise<{ completed: boolean; variables: Record<string, unknown> }> {
    return new Promise((resolve) => {
      const list = this.completionWaiters.get(processInstanceKey) ?? [];
      list.push(resolve);
      this.completionWaiters.set(processInstanceKey, list);
    });
  }

  async cancelProcessInstance(processInstanceKey: string): Promise<void> {
    const rootKey = await this.rootOf('process_instances', processInstanceKey, 'process instance');
    await this.run([rootKey], (tx) => {
      const tree = tx.treeOfKey(rootKey);
      const pi = tree.processInstances.get(processInstanceKey);
      if (!pi) {
        throw EngineRejection.notFound(`Expected to cancel a process instance with key '${processInstanceKey}', but no such process was found`);
      }
      if (pi.parentProcessInstanceKey) {
        throw EngineRejection.invalidState(
          `Expected to cancel a process instance with key '${processInstanceKey}', but it is created by a parent process instance. Cancel the root process instance '${rootKey}' instead.`,
        );
      }
      tx.instances.cancel(tree, pi);
    });
  }

  // ------------------------------------------------------------------ jobs

  async activateJobs(request: ActivateJobsRequest, signal: AbortSignal): Promise<ActivatedJob[]> {
    const until = Date.now() + Math.max(request.requestTimeout, 0);
    for (;;) {
      // A long poll woken by stop() ends empty rather than query a pool that is closing.
      if (this.stopped) return [];
      const jobs = await this.tryActivate(request);
      if (jobs.length > 0 || signal.aborted || Date.now() >= until) return jobs;
      await this.waitForJobs(request.type, Math.min(until - Date.now(), JOB_RECHECK_MS), signal);
    }
  }

  private async tryActivate(request: ActivateJobsRequest): Promise<ActivatedJob[]> {
    const now = this.clock.now();
    const candidates = await this.pool.query(
      `SELECT key, root_key FROM ${S}.jobs WHERE activatable AND type = $1 AND (deadline IS NULL OR deadline <= $2) AND (retry_at IS NULL OR retry_at <= $2) ORDER BY key LIMIT $3`,
      [request.type, now, request.maxJobsToActivate],
    );
    if (candidates.rows.length === 0) return [];
    const roots = [...new Set(candidates.rows.map((r) => String(r.root_key)))];
    return this.run(roots, (tx) => {
      const activated: ActivatedJob[] = [];
      for (const row of candidates.rows) {
        const tree = tx.treeOfKey(String(row.root_key));
        const job = tree.jobs.get(String(row.key));
        if (!job || !isActivatable(job, tx.now)) continue;
        tx.jobs.activate(job, request.worker, request.timeout);
        activated.push(this.toActivatedJob(tree, job, request.fetchVariable));
      }
      return activated;
    }, { tolerateMissing: true });
  }

  private toActivatedJob(tree: InstanceTree, job: Job, fetch: string[] | undefined): ActivatedJob {
    const ei = tree.elements.get(job.elementInstanceKey)!;
    const all = visibleVariables(tree, ei);
    const variables = fetch?.length ? Object.fromEntries(Object.entries(all).filter(([k]) => fetch.includes(k))) : all;
    return {
      jobKey: job.key,
      type: job.type,
      processDefinitionId: job.bpmnProcessId,
      processDefinitionVersion: job.version,
      processDefinitionKey: job.definitionKey,
      processInstanceKey: job.processInstanceKey,
      rootProcessInstanceKey: job.rootKey,
      elementId: job.elementId,
      elementInstanceKey: job.elementInstanceKey,
      customHeaders: job.customHeaders,
      worker: job.worker ?? '',
      retries: job.retries,
      deadline: job.deadline!.getTime(),
      variables,
      kind: job.kind,
      listenerEventType: job.listenerEventType,
    };
  }

  private waitForJobs(type: string, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const waiter: JobWaiter = { type, wake: () => done() };
      const timer = setTimeout(() => done(), Math.max(ms, 0));
      const onAbort = () => done();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.jobWaiters.delete(waiter);
        resolve();
      };
      signal.addEventListener('abort', onAbort);
      this.jobWaiters.add(waiter);
    });
  }

  completeJob(jobKey: string, variables: Record<string, unknown>): Promise<void> {
    return this.withJob(jobKey, 'complete', (tx, job) => tx.jobs.complete(job, variables));
  }

  failJob(jobKey: string, failure: JobFailure): Promise<void> {
    return this.withJob(jobKey, 'fail', (tx, job) => tx.jobs.fail(job, failure));
  }

  throwJobError(jobKey: string, error: JobError): Promise<void> {
    return this.withJob(jobKey, 'throw an error for', (tx, job) => {
      if (job.kind === 'EXECUTION_LISTENER') {
        throw EngineRejection.invalidArgument(
          `Expected to throw an error for job with key '${jobKey}', but it is an execution listener job; BPMN errors cannot be thrown from execution listeners`,
        );
      }
      tx.jobs.throwError(job, error);
    });
  }

  updateJob(jobKey: string, changes: { retries?: number; timeout?: number }): Promise<void> {
    return this.withJob(jobKey, 'update', (tx, job) => {
      if (changes.retries !== undefined) tx.jobs.updateRetries(job, changes.retries);
      if (changes.timeout !== undefined) tx.jobs.updateTimeout(job, changes.timeout);
    });
  }

  private async withJob(jobKey: string, verb: string, fn: (tx: Transition, job: Job) => void): Promise<void> {
    const rootKey = await this.rootOf('jobs', jobKey, 'job');
    await this.run([rootKey], (tx) => {
      const job = tx.treeOfKey(rootKey).jobs.get(jobKey);
      if (!job || job.endedAt) {
        throw EngineRejection.notFound(`Command rejected: Expected to ${verb} job with key '${jobKey}', but no such job was found`);
      }
      if (verb !== 'update' && job.state === 'ERROR_THROWN') {
        throw EngineRejection.invalidState(`Expected to ${verb} job with key '${jobKey}', but it is in state 'ERROR_THROWN'`);
      }
      if ((verb === 'complete' || verb === 'fail' || verb.startsWith('throw')) && job.retries <= 0) {
        throw EngineRejection.invalidState(`Expected to ${verb} job with key '${jobKey}', but it has no retries left and an incident`);
      }
      fn(tx, job);
    });
  }

  // ------------------------------------------------------------------ user tasks

  assignUserTask(userTaskKey: string, assignment: { assignee: string; allowOverride: boolean }): Promise<void> {
    return this.withTask(userTaskKey, 'assign', (tx, task) => {
      if (!assignment.allowOverride && task.assignee && task.assignee !== assignment.assignee) {
        throw EngineRejection.invalidState(
          `Expected to assign user task with key '${userTaskKey}', but it is already assigned to '${task.assignee}' and allowOverride is false`,
        );
      }
      tx.userTasks.assign(task, assignment.assignee);
    });
  }

  unassignUserTask(userTaskKey: string): Promise<void> {
    return this.withTask(userTaskKey, 'unassign', (tx, task) => tx.userTasks.assign(task, null));
  }

  completeUserTask(userTaskKey: string, variables: Record<string, unknown>): Promise<void> {
    return this.withTask(userTaskKey, 'complete', (tx, task) => tx.userTasks.complete(task, variables));
  }

  private async withTask(key: string, verb: string, fn: (tx: Transition, task: NonNullable<ReturnType<InstanceTree['userTasks']['get']>>) => void): Promise<void> {
    const rootKey = await this.rootOf('user_tasks', key, 'user task');
    await this.run([rootKey], (tx) => {
      const task = tx.treeOfKey(rootKey).userTasks.get(key);
      if (!task) throw EngineRejection.notFound(`Command rejected: Expected to ${verb} user task with key '${key}', but no such user task was found`);
      fn(tx, task);
    });
  }

  // ------------------------------------------------------------------ messages

  async publishMessage(message: PublishMessage): Promise<{ messageKey: string }> {
    const result = await this.deliver(message.name, message.correlationKey, message.variables, message.timeToLive, message.messageId ?? null);
    return { messageKey: result.messageKey };
  }

  async correlateMessage(message: CorrelateMessage): Promise<{ messageKey: string; processInstanceKey: string }> {
    const result = await this.deliver(message.name, message.correlationKey, message.variables, 0, null, true);
    if (!result.processInstanceKey) {
      throw EngineRejection.notFound(
        `Expected to find at least one subscription or message start event for message '${message.name}' with correlation key '${message.correlationKey}', but found none`,
      );
    }
    return { messageKey: result.messageKey, processInstanceKey: result.processInstanceKey };
  }

  /**
   * Publishes a message in one transition: to one open subscription per process id and to every
   * message start event whose correlation key is free (MessageCorrelation.startByMessage), and buffers it
   * for its time to live.
   */
  private async deliver(name: string, correlationKey: string, variables: Record<string, unknown>, ttl: number, messageId: string | null, firstOnly = false) {
    const now = this.clock.now();
    if (messageId && this.messages.isDuplicate(name, messageId, now)) {
      throw EngineRejection.alreadyExists(`Expected to publish a new message with id '${messageId}', but a message with that id was already published`);
    }
    const subs = await this.pool.query(
      `SELECT key, root_key, bpmn_process_id FROM ${S}.message_subscriptions WHERE state = 'CREATED' AND message_name = $1 AND correlation_key = $2 ORDER BY key`,
      [name, correlationKey],
    );
    const starts = this.definitions.messageStarts(name);
    for (const start of starts) await this.definitions.ensureModel(start.meta.key);
    const roots = [...new Set(subs.rows.map((r) => String(r.root_key)))];
    let processInstanceKey: string | undefined;
    let messageKey = '';
    await this.run(roots, (tx) => {
      const message: BufferedMessage = {
        key: this.keys.next(),
        name,
        correlationKey,
        messageId,
        variables,
        publishedAt: tx.now,
        expiresAt: new Date(tx.now.getTime() + Math.max(ttl, 0)),
        tenantId: DEFAULT_TENANT,
        correlatedTo: new Set(),
      };
      messageKey = message.key;
      for (const row of subs.rows) {
        if (message.correlatedTo.has(row.bpmn_process_id) || (firstOnly && processInstanceKey)) continue;
        const tree = this.trees.get(String(row.root_key));
        const subscription = tree?.subscriptions.get(String(row.key));
        if (!subscription || subscription.state !== 'CREATED') continue;
        tx.correlation.correlate(subscription, message);
        processInstanceKey ??= subscription.processInstanceKey;
      }
      for (const start of starts) {
        if (message.correlatedTo.has(start.meta.bpmnProcessId) || (firstOnly && processInstanceKey)) continue;
        const pi = tx.correlation.startByMessage(start, message);
        if (pi) processInstanceKey ??= pi.key;
      }
      tx.changeset.put('messages', message.key, messageRow(message));
      if (ttl > 0) this.afterCommit.push(() => this.messages.add(message));
    }, { tolerateMissing: true });
    return { messageKey, processInstanceKey };
  }

  private afterCommit: Array<() => void> = [];

  // ------------------------------------------------------------------ incidents

  async resolveIncident(incidentKey: string): Promise<void> {
    const rootKey = await this.rootOf('incidents', incidentKey, 'incident');
    await this.run([rootKey], (tx) => {
      const incident = tx.treeOfKey(rootKey).incidents.get(incidentKey);
      if (!incident) {
        throw EngineRejection.notFound(`Expected to resolve incident with key '${incidentKey}', but no such incident was found`);
      }
      const job = incident.jobKey ? tx.treeOfKey(rootKey).jobs.get(incident.jobKey) : undefined;
      if (job && !job.endedAt && job.retries <= 0) {
        throw EngineRejection.invalidState(
          `Expected to resolve incident with key '${incidentKey}', but job '${job.key}' has no retries left; update the job's retries first`,
        );
      }
      tx.incidents.resolve(incident);
    });
  }

  // ------------------------------------------------------------------ clock

  async pinClock(epochMillis: number): Promise<void> {
    this.requireClockControl();
    this.clock.pin(epochMillis);
    // Answer only after a timer pass at the pinned time: what fell due has fired.
    await this.timerPassNow();
  }

  async resetClock(): Promise<void> {
    this.requireClockControl();
    this.clock.reset();
    this.pokeTimers();
  }

  private requireClockControl(): void {
    if (!this.clock.controllable) {
      throw new EngineRejection(400, 'INVALID_ARGUMENT', 'The clock is not controllable: start the engine with ENGINE_CLOCK_CONTROL=true to pin it');
    }
  }

  // ------------------------------------------------------------------ timers

  private pokeTimers(): void {
    if (this.stopped) return;
    this.scheduleTimerPass(0);
  }

  private scheduleTimerPass(delay: number): void {
    clearTimeout(this.timerLoop);
    this.timerLoop = setTimeout(() => void this.timerPassNow(), delay);
  }

  /** Starts a timer pass now (after any pass in flight) and answers it; the loop goes on from there. */
  private timerPassNow(): Promise<void> {
    clearTimeout(this.timerLoop);
    this.timerPass = (this.timerPass ?? Promise.resolve())
      .then(() => this.fireDueTimers())
      .catch((error) => this.report(error, 'timer pass'))
      .finally(() => {
        if (!this.stopped) this.scheduleTimerPass(TIMER_POLL_MS);
      });
    return this.timerPass;
  }

  /** Fires every timer that is due, including those that fell due while the engine was down. */
  private async fireDueTimers(): Promise<void> {
    if (this.stopped) return;
    const now = this.clock.now();
    this.messages.expire(now);
    const due = await this.pool.query(`SELECT * FROM ${S}.timers WHERE state = 'ACTIVE' AND due_date <= $1 ORDER BY due_date LIMIT 500`, [now]);
    if (due.rows.length === 0) return;
    const timers = due.rows.map(timerFromRow);
    for (const timer of timers.filter((t) => t.rootKey === null)) await this.fireStartTimer(timer);
    const roots = [...new Set(timers.filter((t) => t.rootKey !== null).map((t) => t.rootKey!))];
    if (roots.length === 0) return;
    await this.run(roots, (tx) => {
      for (const t of timers) {
        if (t.rootKey === null) continue;
        const timer = tx.treeOfKey(t.rootKey).timers.get(t.key);
        if (timer && timer.state === 'ACTIVE' && timer.dueDate <= tx.now) tx.events.fireTimer(timer);
      }
    }, { tolerateMissing: true });
  }

  private async fireStartTimer(timer: Timer): Promise<void> {
    const meta = this.definitions.byKey.get(timer.definitionKey);
    if (!meta) return;
    await this.definitions.ensureModel(meta.key);
    await this.run([], (tx) => {
      tx.instances.create(meta, {}, { startEventId: timer.elementId });
      tx.changeset.put('timers', timer.key, timerRow({ ...timer, state: 'TRIGGERED' }));
      if (timer.repetitions !== 0) {
        const next: Timer = {
          ...timer,
          key: this.keys.next(),
          dueDate: nextCycleDue(timer.spec, tx.now),
          repetitions: timer.repetitions < 0 ? -1 : timer.repetitions - 1,
          state: 'ACTIVE',
        };
        tx.changeset.put('timers', next.key, timerRow(next));
      }
    });
  }

  // ------------------------------------------------------------------ running transitions

  private async rootOf(table: string, key: string, what: string): Promise<string> {
    const result = await this.pool.query(`SELECT root_key FROM ${S}.${table} WHERE key = $1`, [key]);
    if (result.rows.length === 0) throw EngineRejection.notFound(`Expected to find ${what} with key '${key}', but none found`);
    return String(result.rows[0].root_key);
  }

  private async tree(rootKey: string): Promise<InstanceTree | undefined> {
    const cached = this.trees.get(rootKey);
    if (cached) return cached;
    let pending = this.loading.get(rootKey);
    if (!pending) {
      pending = loadTree(this.pool, rootKey).then(async (tree) => {
        if (tree) {
          for (const pi of tree.processInstances.values()) await this.definitions.ensureModel(pi.definitionKey);
          if (!this.trees.has(rootKey)) this.trees.set(rootKey, tree);
        }
        return this.trees.get(rootKey);
      });
      this.loading.set(rootKey, pending);
      pending.finally(() => this.loading.delete(rootKey)).catch(() => undefined);
    }
    return pending;
  }

  /**
   * Loads the trees, runs `fn` and the steps it queues in one synchronous transition, commits the
   * rows, then wakes job pollers, timer passes and awaitCompletion callers.
   */
  private async run<T>(rootKeys: string[], fn: (tx: Transition) => T, options: { tolerateMissing?: boolean } = {}, reserve = 200): Promise<T> {
    const trees: InstanceTree[] = [];
    for (const rootKey of rootKeys) {
      const tree = await this.tree(rootKey);
      if (tree) trees.push(tree);
      else if (!options.tolerateMissing) throw EngineRejection.notFound(`Expected to find an active process instance tree with key '${rootKey}', but none found`);
    }
    await this.keys.reserve(reserve);
    const tx = new Transition({
      keys: this.keys,
      clock: this.clock,
      definitions: this.definitions,
      messages: this.messages,
      startLocks: this.startLocks,
      tenantId: DEFAULT_TENANT,
    });
    for (const tree of trees) tx.use(tree);
    const afterCommit: Array<() => void> = [];
    this.afterCommit = afterCommit;
    let result: T;
    let changes: Changeset;
    try {
      result = fn(tx);
      changes = tx.settle();
    } catch (error) {
      this.afterCommit = [];
      tx.rollback();
      // Commands check before they change anything, so a rejection leaves the trees as they were.
      if (error instanceof EngineRejection) throw error;
      this.forget(tx.touchedTrees);
      if (error instanceof KeysExhausted) return this.run(rootKeys, fn, options, reserve * 10);
      throw error;
    }
    this.afterCommit = [];
    const touched = tx.touchedTrees;
    for (const tree of touched) {
      tree.pendingCommits += 1;
      tree.lastUsed = Date.now();
      if (!this.trees.has(tree.rootKey) && !tree.ended) this.trees.set(tree.rootKey, tree);
    }
    try {
      await this.writer.commit(changes);
    } catch (error) {
      this.forget(touched);
      tx.rollback();
      throw error;
    } finally {
      for (const tree of touched) tree.pendingCommits -= 1;
    }
    for (const effect of afterCommit) effect();
    this.afterCommitEffects(tx);
    for (const tree of touched) if (tree.ended && tree.pendingCommits === 0) this.trees.delete(tree.rootKey);
    this.evictIdle();
    return result;
  }

  private afterCommitEffects(tx: Transition): void {
    const { effects } = tx;
    if (effects.jobTypes.size > 0) {
      for (const waiter of this.jobWaiters) if (effects.jobTypes.has(waiter.type)) waiter.wake();
    }
    if (effects.timersChanged) this.pokeTimers();
    for (const [key, ended] of effects.endedInstances) {
      const waiters = this.completionWaiters.get(key);
      if (!waiters) continue;
      this.completionWaiters.delete(key);
      for (const resolve of waiters) resolve(ended);
    }
  }

  /** Drops trees whose in-memory state can no longer be trusted; they reload from the database. */
  private forget(trees: InstanceTree[]): void {
    for (const tree of trees) if (this.trees.get(tree.rootKey) === tree) this.trees.delete(tree.rootKey);
  }

  private evictIdle(): void {
    const max = this.options.maxCachedTrees ?? 5000;
    if (this.trees.size <= max) return;
    const idle = [...this.trees.values()].filter((t) => t.pendingCommits === 0).sort((a, b) => a.lastUsed - b.lastUsed);
    for (const tree of idle.slice(0, this.trees.size - max)) this.trees.delete(tree.rootKey);
  }

  private report(error: unknown, context: string): void {
    this.options.onError?.(error, context);
  }
}

function isActivatable(job: Job, now: Date): boolean {
  return job.activatable && !job.endedAt && (!job.deadline || job.deadline <= now) && (!job.retryAt || job.retryAt <= now);
}

function parseForm(text: string, name: string): { id: string } {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    throw EngineRejection.invalidArgument(`Expected the form '${name}' to be JSON, but it is not: ${(error as Error).message}`);
  }
  const id = (schema as { id?: unknown })?.id;
  if (typeof id !== 'string' || id === '') {
    throw EngineRejection.invalidArgument(`Expected the form '${name}' to have a non-empty string 'id', but it has none`);
  }
  return { id };
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
