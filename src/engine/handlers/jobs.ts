import type { ActivatedJob, ActivateJobsRequest, JobError, JobFailure } from '../commands.js';
import type { EngineParts } from '../engine-parts.js';
import { EngineRejection } from '../errors.js';
import type { Job } from '../runtime/entities.js';
import type { Transition } from '../runtime/transition.js';
import type { InstanceTree } from '../runtime/tree.js';
import { visibleVariables } from '../runtime/variables.js';

/** How long a poll waits when the database says a job is free that the loaded trees hold: the commit holding it is on its way. */
const COMMIT_IN_FLIGHT_MS = 50;

interface JobWaiter {
  type: string;
  wake: () => void;
}

/**
 * Job workers' commands: long-polling activation, completion, failure, BPMN errors and updates.
 *
 * A long poll that finds nothing sleeps until a committed transition makes a job of its type
 * activatable (wake), or until the earliest job of its type whose timeout or retry back-off runs
 * out, or its request timeout: it never looks again on a schedule, so an idle engine is idle. What
 * it found is remembered per type (quietUntil), so the next poll of that type does not look again
 * before a commit or that time. Candidates come from the committed activatable jobs held in
 * memory (src/engine/activatable-jobs.ts), not a query: one engine process owns its database, so
 * the commits it sees are all there are.
 */
export class JobHandler {
  private readonly waiters = new Set<JobWaiter>();
  /** Per job type, how many commits made a job of it activatable: a poll that saw it change while it looked looks again. */
  private readonly wakes = new Map<string, number>();
  /** Wakes of every type at once (the engine clock moved). */
  private wakesOfAll = 0;
  /** Per job type found with nothing to activate: when (system clock) one becomes free by time alone; Infinity: only a commit frees one. */
  private readonly quietUntil = new Map<string, number>();

  constructor(
    private readonly parts: EngineParts,
    private readonly stopped: () => boolean,
  ) {}

  async activate(request: ActivateJobsRequest, signal: AbortSignal): Promise<ActivatedJob[]> {
    const { type } = request;
    const until = Date.now() + Math.max(request.requestTimeout, 0);
    for (;;) {
      // A long poll woken by stop() ends empty rather than query a pool that is closing.
      if (this.stopped()) return [];
      const seen = this.wakesOf(type);
      let freeAt = this.quietUntil.get(type) ?? 0;
      if (freeAt <= Date.now()) {
        const jobs = await this.tryActivate(request);
        if (jobs.length > 0) return jobs;
        if (this.wakesOf(type) !== seen) continue;
        freeAt = this.nextReadyAt(type, request.processDefinitionIds);
        // A poll of some processes only found nothing of those: the type's other jobs may be free.
        if (!request.processDefinitionIds) this.quietUntil.set(type, freeAt);
      }
      if (signal.aborted || Date.now() >= until) return [];
      await this.waitForJobs(type, Math.min(until, freeAt) - Date.now(), signal);
    }
  }

  /** Wakes the long polls waiting for jobs of these types. */
  wake(jobTypes: Set<string>): void {
    if (jobTypes.size === 0) return;
    for (const type of jobTypes) {
      this.wakes.set(type, (this.wakes.get(type) ?? 0) + 1);
      this.quietUntil.delete(type);
    }
    for (const waiter of this.waiters) if (jobTypes.has(waiter.type)) waiter.wake();
  }

  /** Wakes every long poll to look again: the engine clock moved, or the engine stops. */
  wakeAll(): void {
    this.wakesOfAll += 1;
    this.quietUntil.clear();
    for (const waiter of this.waiters) waiter.wake();
  }

  complete(jobKey: string, variables: Record<string, unknown>): Promise<void> {
    return this.withJob(jobKey, 'complete', (tx, job) => tx.jobs.complete(job, variables));
  }

  fail(jobKey: string, failure: JobFailure): Promise<void> {
    return this.withJob(jobKey, 'fail', (tx, job) => tx.jobs.fail(job, failure));
  }

  throwError(jobKey: string, error: JobError): Promise<void> {
    return this.withJob(jobKey, 'throw an error for', (tx, job) => {
      if (job.kind === 'EXECUTION_LISTENER') {
        throw EngineRejection.invalidArgument(
          `Expected to throw an error for job with key '${jobKey}', but it is an execution listener job; BPMN errors cannot be thrown from execution listeners`,
        );
      }
      tx.jobs.throwError(job, error);
    });
  }

  update(jobKey: string, changes: { retries?: number; timeout?: number }): Promise<void> {
    return this.withJob(jobKey, 'update', (tx, job) => {
      if (changes.retries !== undefined) tx.jobs.updateRetries(job, changes.retries);
      if (changes.timeout !== undefined) tx.jobs.updateTimeout(job, changes.timeout);
    });
  }

  private async tryActivate(request: ActivateJobsRequest): Promise<ActivatedJob[]> {
    const candidates = this.parts.runner.activatableJobs.candidates(
      request.type,
      this.parts.clock.now(),
      request.maxJobsToActivate,
      request.processDefinitionIds,
    );
    if (candidates.length === 0) return [];
    const roots = [...new Set(candidates.map((c) => c.rootKey))];
    return this.parts.runner.run(
      roots,
      (tx) => {
        const activated: ActivatedJob[] = [];
        for (const candidate of candidates) {
          const tree = tx.treeOfKey(candidate.rootKey);
          const job = tree.jobs.get(candidate.key);
          if (!job || !isActivatable(job, tx.now)) continue;
          tx.jobs.activate(job, request.worker, request.timeout);
          activated.push(toActivatedJob(tree, job, request.fetchVariable));
        }
        return activated;
      },
      { tolerateMissing: true },
    );
  }

  private wakesOf(type: string): number {
    return (this.wakes.get(type) ?? 0) + this.wakesOfAll;
  }

  /**
   * When, on the system clock, the earliest job of this type that is activatable but held by a
   * timeout or a retry back-off becomes free; Infinity when none is. A pinned engine clock is
   * counted from now, and pinning it wakes every poll (wakeAll) to look again.
   */
  private nextReadyAt(type: string, processDefinitionIds?: readonly string[]): number {
    const now = this.parts.clock.now();
    // A job free now by its committed row (neither held nor backed off) is one the loaded trees
    // hold ahead of the database: it counts as now, so the poll looks again once that commit is written.
    const readyAt = this.parts.runner.activatableJobs.earliestFree(type, now, processDefinitionIds);
    if (readyAt === undefined) return Infinity;
    return Date.now() + Math.max(readyAt - now.getTime(), COMMIT_IN_FLIGHT_MS);
  }

  private waitForJobs(type: string, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const waiter: JobWaiter = { type, wake: () => done() };
      // setTimeout takes at most 2^31-1 ms; a longer wait ends early and the poll looks again.
      const timer = setTimeout(() => done(), Math.min(Math.max(ms, 0), 2 ** 31 - 1));
      const onAbort = () => done();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.waiters.delete(waiter);
        resolve();
      };
      signal.addEventListener('abort', onAbort);
      this.waiters.add(waiter);
    });
  }

  private async withJob(jobKey: string, verb: string, fn: (tx: Transition, job: Job) => void): Promise<void> {
    const { runner } = this.parts;
    const rootKey = await runner.rootOf('jobs', jobKey, 'job');
    await runner.run([rootKey], (tx) => {
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
}

function isActivatable(job: Job, now: Date): boolean {
  return job.activatable && !job.endedAt && (!job.deadline || job.deadline <= now) && (!job.retryAt || job.retryAt <= now);
}

function toActivatedJob(tree: InstanceTree, job: Job, fetch: string[] | undefined): ActivatedJob {
  const ei = tree.element(job.elementInstanceKey);
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
