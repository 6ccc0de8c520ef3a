import pg from 'pg';
import type {
  ActivatedJob,
  ActivateJobsRequest,
  BroadcastSignal,
  CorrelateMessage,
  CreatedInstance,
  CreateInstanceRequest,
  DeploymentOutcome,
  DeploymentResource,
  EngineCommands,
  JobError,
  JobFailure,
  MigrationRequest,
  ModificationInstructions,
  PublishMessage,
  UserTaskChanges,
} from './commands.js';
import type { EngineParts } from './engine-parts.js';
import { EngineRejection } from './errors.js';
import { DeploymentHandler } from './handlers/deployments.js';
import { ElementInstanceHandler } from './handlers/element-instances.js';
import { IncidentHandler } from './handlers/incidents.js';
import { JobHandler } from './handlers/jobs.js';
import { MessageHandler } from './handlers/messages.js';
import { ProcessInstanceChangeHandler } from './handlers/process-instance-changes.js';
import { ProcessInstanceHandler } from './handlers/process-instances.js';
import { SignalHandler } from './handlers/signals.js';
import { UserTaskHandler } from './handlers/user-tasks.js';
import { EngineClock } from './runtime/clock.js';
import { DefinitionRegistry } from './runtime/definitions.js';
import { KeyGenerator } from './runtime/keys.js';
import { MessageStartLocks } from './runtime/message-start-locks.js';
import { MessageBuffer } from './runtime/messages.js';
import type { Effects } from './runtime/transition.js';
import { ChangeWriter, type CommitCompanion } from './store/writer.js';
import { TimerLoop } from './timer-loop.js';
import { TransitionRunner } from './transition-runner.js';

/** PostgreSQL's SQLSTATE for "terminating connection due to administrator command". */
const ADMIN_SHUTDOWN = '57P01';

export interface EngineOptions {
  databaseUrl: string;
  clockControl: boolean;
  /**
   * Fire the timers a clock change made due this long after answering it, as a cluster does
   * (0.5–4 s later there): for testing callers that wait for the effect. Unset: they have fired
   * when the change is answered.
   */
  timersAfterClockChangeMs?: number;
  /** How many instance trees stay in memory when idle. */
  maxCachedTrees?: number;
  onError?: (error: unknown, context: string) => void;
}

/**
 * The embedded engine: Zeebe's semantics on PostgreSQL. Commands load the instance trees they
 * touch (lazily, from the database), run one synchronous transition on them, and are acknowledged
 * once the rows it changed are committed. This class wires the parts together and hands each
 * command to the handler for its area.
 */
export class EmbeddedEngine implements EngineCommands {
  readonly clock: EngineClock;
  private readonly parts: EngineParts;
  private readonly deployments: DeploymentHandler;
  private readonly instances: ProcessInstanceHandler;
  private readonly instanceChanges: ProcessInstanceChangeHandler;
  private readonly jobs: JobHandler;
  private readonly userTasks: UserTaskHandler;
  private readonly messages: MessageHandler;
  private readonly signals: SignalHandler;
  private readonly incidents: IncidentHandler;
  private readonly elementInstances: ElementInstanceHandler;
  private readonly timers: TimerLoop;
  private stopped = false;

  constructor(private readonly options: EngineOptions) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 8 });
    pool.on('error', (error) => {
      // PostgreSQL shutting down (Ctrl-C reaches it too) closes idle connections on purpose; a query
      // that needs one later fails on its own.
      if ((error as { code?: string }).code !== ADMIN_SHUTDOWN) this.report(error, 'idle database connection');
    });
    const writer = new ChangeWriter(pool);
    const keys = new KeyGenerator(pool);
    const definitions = new DefinitionRegistry(pool);
    this.clock = new EngineClock(options.clockControl);
    const messages = new MessageBuffer();
    const startLocks = new MessageStartLocks();
    const runner = new TransitionRunner({
      pool,
      writer,
      keys,
      clock: this.clock,
      definitions,
      messages,
      startLocks,
      maxCachedTrees: options.maxCachedTrees,
      onCommitted: (effects) => this.committed(effects),
    });
    this.parts = { pool, writer, keys, clock: this.clock, definitions, messages, startLocks, runner };
    const isStopped = () => this.stopped;
    this.timers = new TimerLoop(this.parts, isStopped, (error, context) => this.report(error, context));
    this.deployments = new DeploymentHandler(this.parts, () => this.timers.poke());
    this.instances = new ProcessInstanceHandler(this.parts);
    this.instanceChanges = new ProcessInstanceChangeHandler(this.parts);
    this.jobs = new JobHandler(this.parts, isStopped);
    this.userTasks = new UserTaskHandler(this.parts);
    this.messages = new MessageHandler(this.parts);
    this.signals = new SignalHandler(this.parts);
    this.incidents = new IncidentHandler(this.parts);
    this.elementInstances = new ElementInstanceHandler(this.parts);
  }

  /** Reads deployed definitions and live messages; instances stay on disk until an event needs them. */
  async start(): Promise<void> {
    const { writer, definitions, startLocks, pool, runner } = this.parts;
    await writer.init();
    await runner.activatableJobs.load(pool);
    await definitions.load();
    await startLocks.load(pool);
    await this.messages.restore();
    this.timers.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.timers.stop();
    this.jobs.wakeAll();
    await this.parts.pool.end();
  }

  get cachedTrees(): number {
    return this.parts.runner.cachedTrees;
  }

  /** Writes another part's row with the engine's next commit (src/engine/store/writer.ts); resolves once it is committed. */
  appendToCommit(companion: CommitCompanion, row: unknown): Promise<void> {
    return this.parts.writer.append(companion, row);
  }

  deploy(resources: DeploymentResource[], tenantId: string): Promise<DeploymentOutcome> {
    return this.deployments.deploy(resources, tenantId);
  }

  createProcessInstance(request: CreateInstanceRequest): Promise<CreatedInstance> {
    return this.instances.create(request);
  }

  cancelProcessInstance(processInstanceKey: string): Promise<void> {
    return this.instances.cancel(processInstanceKey);
  }

  migrateProcessInstance(processInstanceKey: string, plan: MigrationRequest): Promise<void> {
    return this.instanceChanges.migrate(processInstanceKey, plan);
  }

  modifyProcessInstance(processInstanceKey: string, instructions: ModificationInstructions): Promise<void> {
    return this.instanceChanges.modify(processInstanceKey, instructions);
  }

  activateJobs(request: ActivateJobsRequest, signal: AbortSignal): Promise<ActivatedJob[]> {
    return this.jobs.activate(request, signal);
  }

  completeJob(jobKey: string, variables: Record<string, unknown>): Promise<void> {
    return this.jobs.complete(jobKey, variables);
  }

  failJob(jobKey: string, failure: JobFailure): Promise<void> {
    return this.jobs.fail(jobKey, failure);
  }

  throwJobError(jobKey: string, error: JobError): Promise<void> {
    return this.jobs.throwError(jobKey, error);
  }

  updateJob(jobKey: string, changes: { retries?: number; timeout?: number }): Promise<void> {
    return this.jobs.update(jobKey, changes);
  }

  assignUserTask(userTaskKey: string, assignment: { assignee: string; allowOverride: boolean }): Promise<void> {
    return this.userTasks.assign(userTaskKey, assignment);
  }

  unassignUserTask(userTaskKey: string): Promise<void> {
    return this.userTasks.unassign(userTaskKey);
  }

  completeUserTask(userTaskKey: string, variables: Record<string, unknown>): Promise<void> {
    return this.userTasks.complete(userTaskKey, variables);
  }

  updateUserTask(userTaskKey: string, changes: UserTaskChanges): Promise<void> {
    return this.userTasks.update(userTaskKey, changes);
  }

  publishMessage(message: PublishMessage): Promise<{ messageKey: string }> {
    return this.messages.publish(message);
  }

  correlateMessage(message: CorrelateMessage): Promise<{ messageKey: string; processInstanceKey: string }> {
    return this.messages.correlate(message);
  }

  broadcastSignal(signal: BroadcastSignal): Promise<{ signalKey: string }> {
    return this.signals.broadcast(signal);
  }

  resolveIncident(incidentKey: string): Promise<void> {
    return this.incidents.resolve(incidentKey);
  }

  setElementInstanceVariables(elementInstanceKey: string, variables: Record<string, unknown>, local: boolean): Promise<void> {
    return this.elementInstances.setVariables(elementInstanceKey, variables, local);
  }

  async pinClock(epochMillis: number): Promise<void> {
    this.requireClockControl();
    this.clock.pin(epochMillis);
    // Job timeouts and back-offs run on the engine clock: polls sleeping until one ends look again.
    this.jobs.wakeAll();
    const later = this.options.timersAfterClockChangeMs;
    if (later) {
      setTimeout(() => this.timers.poke(), later).unref();
      return;
    }
    // Answer only after a timer pass at the pinned time: what fell due has fired.
    await this.timers.passNow();
  }

  async resetClock(): Promise<void> {
    this.requireClockControl();
    this.clock.reset();
    this.jobs.wakeAll();
    this.timers.poke();
  }

  private requireClockControl(): void {
    if (!this.clock.controllable) {
      throw new EngineRejection(
        400,
        'INVALID_ARGUMENT',
        'The clock is not controllable: start the engine with ENGINE_CLOCK_CONTROL=true to pin it',
      );
    }
  }

  /** A transition's rows are committed: wake job pollers, timer passes and awaitCompletion callers, broadcast thrown signals. */
  private committed(effects: Effects): void {
    this.jobs.wake(effects.jobTypes);
    if (effects.earliestTimer) this.timers.timerCreated(effects.earliestTimer);
    this.instances.ended(effects.endedInstances);
    for (const signal of effects.signals) {
      if (!this.stopped) this.signals.broadcast(signal).catch((error) => this.report(error, `broadcast of signal '${signal.signalName}'`));
    }
  }

  private report(error: unknown, context: string): void {
    this.options.onError?.(error, context);
  }
}
