import type { Job, JobActionReceipt } from '@camunda8/orchestration-cluster-api';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { BusinessError, InvalidInputError, type JobContext, type WorkerDefinition } from './definition.js';
import { describeInputProblem } from './input-problem.js';
import type { JobOutcome } from './job-observer.js';

/** An activated job as the official client hands it to a handler. */
export type ActivatedJob = Job<undefined, undefined>;

/**
 * A job in hand, whichever protocol handed it out (Camunda 8 jobs, Camunda 7 external tasks):
 * its variables and context, and the three answers, each resolving to the protocol's receipt.
 */
export interface JobInHand<Receipt> {
  variables: Record<string, unknown>;
  retries: number;
  context: JobContext;
  complete(variables: Record<string, unknown>): Promise<Receipt>;
  fail(failure: { errorMessage: string; retries: number; retryBackOff?: number }): Promise<Receipt>;
  error(error: { errorCode: string; errorMessage: string; variables: Record<string, unknown> }): Promise<Receipt>;
}

/** What to tell the engine about one job, decided but not yet sent. */
export interface Settlement<Receipt> {
  outcome: JobOutcome;
  send(): Promise<Receipt>;
}

/** A Camunda 8 job as a job in hand. */
export function camunda8Job(job: ActivatedJob): JobInHand<JobActionReceipt> {
  return {
    variables: job.variables as Record<string, unknown>,
    retries: job.retries,
    context: jobContext(job),
    complete: (variables) => job.complete(variables),
    fail: (failure) => job.fail(failure),
    error: (error) => job.error(error),
  };
}

/**
 * Runs one job through its worker definition and decides the answer. Bad variables fail the job
 * with no retries (an incident naming the field) without calling the handler; a BusinessError
 * becomes a BPMN error for the diagram to catch; an InvalidInputError fails it with no retries
 * (retrying cannot fix a wrong id); anything else fails it with one retry fewer and a back-off.
 * The answer is returned rather than sent so the runtime can withhold it from a job it has
 * already handed back at shutdown.
 */
export async function settleJob<Deps, Receipt>(
  definition: WorkerDefinition<z.ZodType, z.ZodType, Deps>,
  deps: Deps,
  job: JobInHand<Receipt>,
  log: Logger,
): Promise<Settlement<Receipt>> {
  const parsed = definition.Input.safeParse(job.variables);
  if (!parsed.success) {
    const message = describeInputProblem(definition.jobType, parsed.error);
    log.warn({ message }, 'invalid job variables');
    return { outcome: 'invalid-variables', send: () => job.fail({ errorMessage: message, retries: 0 }) };
  }
  try {
    // The output is checked too: the diagram's gateways and mappings rely on its shape.
    const output = definition.Output.parse(await definition.handle(parsed.data, deps, job.context)) as Record<string, unknown>;
    return { outcome: 'completed', send: () => job.complete(output) };
  } catch (error) {
    if (error instanceof BusinessError) {
      log.info({ code: error.code }, 'business outcome');
      return {
        outcome: 'bpmn-error',
        send: () => job.error({ errorCode: error.code, errorMessage: error.message, variables: error.variables }),
      };
    }
    if (error instanceof InvalidInputError) {
      log.warn({ message: error.message }, 'unusable job variables');
      return { outcome: 'unusable-variables', send: () => job.fail({ errorMessage: error.message, retries: 0 }) };
    }
    const retries = Math.max(job.retries - 1, 0);
    log.error({ err: error, retries }, 'job failed');
    const errorMessage = error instanceof Error ? error.message : String(error);
    return { outcome: 'handler-error', send: () => job.fail({ errorMessage, retries, retryBackOff: retryBackOff(job.retries) }) };
  }
}

/**
 * What a handler sees of its job besides the variables. The one place keys enter our code: brokers
 * before 8.7 send them as JSON numbers, and a handler comparing a stored key with `===` must see
 * the string it stored. An engine that says nothing of a listener (before 8.6) gives UNSPECIFIED.
 */
function jobContext(job: ActivatedJob): JobContext {
  return {
    jobKey: String(job.jobKey),
    processInstanceKey: String(job.processInstanceKey),
    elementId: job.elementId,
    elementInstanceKey: String(job.elementInstanceKey),
    listenerEventType: listenerEventOf(job.listenerEventType),
    retries: job.retries,
    customHeaders: job.customHeaders,
  };
}

/** The listener event an engine reported for a job; UNSPECIFIED when it reported none or another. */
export function listenerEventOf(reported: unknown): JobContext['listenerEventType'] {
  return reported === 'START' || reported === 'END' ? reported : 'UNSPECIFIED';
}

/** 1 s, 2 s, 4 s … capped at a minute, by how many retries have already been used. */
function retryBackOff(retriesLeft: number): number {
  const used = Math.max(0, 3 - retriesLeft);
  return Math.min(60_000, 1000 * 2 ** used);
}
