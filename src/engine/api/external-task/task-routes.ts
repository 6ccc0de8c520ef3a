import type { Knex } from 'knex';
import { z } from 'zod';
import type { EngineCommands } from '../../commands.js';
import type { RouteTable } from '../route-table.js';
import { Int, NonBlank, parseRequest, Str } from '../validation.js';
import { ExternalTaskError } from './errors.js';
import { handBack } from './hand-back.js';
import { camunda7Date, openJobRow, type JobRow } from './task-rows.js';
import { fromTypedVariables } from './typed-variables.js';

export interface TaskRouteDeps {
  commands: EngineCommands;
  knex: Knex;
  /** The engine clock, which lock expiry times are on. */
  now: () => Date;
}

const Complete = z.object({ workerId: NonBlank('workerId'), variables: z.unknown().optional(), localVariables: z.unknown().optional() });

const Failure = z.object({
  workerId: NonBlank('workerId'),
  errorMessage: Str.nullish(),
  errorDetails: Str.nullish(),
  retries: Int.min(0),
  retryTimeout: Int.min(0).nullish(),
  variables: z
    .unknown()
    .refine((v) => v === undefined || v === null || (typeof v === 'object' && Object.keys(v).length === 0), {
      error: 'variables of a failure are not supported by the embedded engine: send localVariables',
    })
    .optional(),
  localVariables: z.unknown().optional(),
});

const BpmnError = z.object({
  workerId: NonBlank('workerId'),
  errorCode: NonBlank('errorCode'),
  errorMessage: Str.nullish(),
  variables: z.unknown().optional(),
});

const ExtendLock = z.object({ workerId: NonBlank('workerId'), newDuration: Int.positive() });

/**
 * The open job behind a task, checked to be locked by this worker now: a lock held by another
 * worker, or one that has run out (the engine may hand the job to another worker at any moment),
 * is answered 500, as Camunda 7 answers a worker that is not the task's most recent locker.
 */
async function lockedTask(deps: TaskRouteDeps, id: string, workerId: string, action: string): Promise<JobRow> {
  const row = await openJobRow(deps.knex, id);
  if (!row) throw ExternalTaskError.notFound(id);
  const deadline = row.deadline as Date | null;
  const holder = deadline ? (row.worker as string | null) : null;
  const refused = `Worker '${workerId}' cannot ${action} external task ${id}`;
  if (holder !== workerId) {
    throw ExternalTaskError.lockViolation(holder ? `${refused}. It is locked by worker '${holder}'.` : `${refused}. It is not locked.`);
  }
  if (deadline!.getTime() <= deps.now().getTime()) {
    throw ExternalTaskError.lockViolation(`${refused}. Its lock expired at ${camunda7Date(deadline!)}.`);
  }
  return row;
}

/** POST /external-task/{id}/complete, /failure, /bpmnError, /extendLock, /unlock: the job's commands, after the lock check. */
export function taskRoutes(t: RouteTable, deps: TaskRouteDeps): void {
  const { commands } = deps;

  t.add('post', '/external-task/:id/complete', async (req, res) => {
    const body = parseRequest(Complete, req.body ?? {});
    const variables = fromTypedVariables(body.variables, 'variables');
    const localVariables = fromTypedVariables(body.localVariables, 'localVariables');
    const row = await lockedTask(deps, req.params.id as string, body.workerId, 'complete');
    if (Object.keys(localVariables).length > 0)
      await commands.setElementInstanceVariables(String(row.element_instance_key), localVariables, true);
    await commands.completeJob(String(row.key), variables);
    res.status(204).end();
  });

  t.add('post', '/external-task/:id/failure', async (req, res) => {
    const body = parseRequest(Failure, req.body ?? {});
    const localVariables = fromTypedVariables(body.localVariables, 'localVariables');
    const row = await lockedTask(deps, req.params.id as string, body.workerId, 'fail');
    await commands.failJob(String(row.key), {
      retries: body.retries,
      errorMessage: body.errorMessage ?? '',
      retryBackOff: body.retryTimeout ?? 0,
      variables: localVariables,
    });
    res.status(204).end();
  });

  t.add('post', '/external-task/:id/bpmnError', async (req, res) => {
    const body = parseRequest(BpmnError, req.body ?? {});
    const variables = fromTypedVariables(body.variables, 'variables');
    const row = await lockedTask(deps, req.params.id as string, body.workerId, 'report a BPMN error for');
    await commands.throwJobError(String(row.key), { errorCode: body.errorCode, errorMessage: body.errorMessage ?? '', variables });
    res.status(204).end();
  });

  t.add('post', '/external-task/:id/extendLock', async (req, res) => {
    const body = parseRequest(ExtendLock, req.body ?? {});
    const row = await lockedTask(deps, req.params.id as string, body.workerId, 'extend the lock of');
    await commands.updateJob(String(row.key), { timeout: body.newDuration });
    res.status(204).end();
  });

  t.add('post', '/external-task/:id/unlock', async (req, res) => {
    await handBack(deps, req.params.id as string);
    res.status(204).end();
  });
}
