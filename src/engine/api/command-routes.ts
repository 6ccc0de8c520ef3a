import { Router } from 'express';
import { z } from 'zod';
import type { EngineCommands } from '../commands.js';
import { EngineRejection } from '../errors.js';
import { keyParam } from './keys.js';

const Variables = z.record(z.string(), z.unknown()).nullish().transform((v) => v ?? {});
const Key = z.union([z.string().regex(/^[0-9]+$/), z.number().int().nonnegative()]).transform(String);

const CreateInstance = z
  .object({
    processDefinitionId: z.string().min(1).optional(),
    processDefinitionVersion: z.number().int().optional(),
    processDefinitionKey: Key.optional(),
    variables: Variables,
    tenantId: z.string().optional(),
    operationReference: z.unknown().optional(),
    startInstructions: z.array(z.unknown()).max(0, 'start instructions are not supported by the embedded engine').optional(),
    awaitCompletion: z.boolean().nullish(),
    fetchVariables: z.array(z.string()).nullish(),
    requestTimeout: z.number().int().min(0).nullish(),
    tags: z.array(z.string()).optional(),
    businessId: z.string().nullish(),
  })
  .refine((b) => Boolean(b.processDefinitionId) !== Boolean(b.processDefinitionKey), {
    message: 'Expected either processDefinitionId or processDefinitionKey, but not both',
    path: ['processDefinitionId'],
  });

const Activate = z.object({
  type: z.string().min(1),
  worker: z.string().nullish(),
  timeout: z.number().int().positive(),
  maxJobsToActivate: z.number().int().positive(),
  fetchVariable: z.array(z.string()).nullish(),
  requestTimeout: z.number().int().nullish(),
  tenantIds: z.array(z.string()).nullish(),
  tenantFilter: z.string().optional(),
});

const Complete = z.object({ variables: Variables, result: z.unknown().optional() });
const Fail = z.object({
  retries: z.number().int().min(0).default(0),
  errorMessage: z.string().nullish(),
  retryBackOff: z.number().int().min(0).default(0),
  variables: Variables,
});
const ThrowError = z.object({ errorCode: z.string().min(1), errorMessage: z.string().nullish(), variables: Variables });
const UpdateJob = z.object({
  changeset: z.object({ retries: z.number().int().min(0).nullish(), timeout: z.number().int().positive().nullish() }),
  operationReference: z.unknown().optional(),
});
const Assign = z.object({ assignee: z.string().min(1), allowOverride: z.boolean().nullish(), action: z.string().nullish() });
const CompleteTask = z.object({ variables: Variables, action: z.string().nullish() });
const Publish = z.object({
  name: z.string().min(1),
  correlationKey: z.string().default(''),
  timeToLive: z.number().int().min(0).default(0),
  messageId: z.string().nullish(),
  variables: Variables,
  tenantId: z.string().optional(),
});
const Correlate = z.object({ name: z.string().min(1), correlationKey: z.string().default(''), variables: Variables, tenantId: z.string().optional() });
const Empty = z.object({ operationReference: z.unknown().optional() }).nullish();

const TENANT = '<default>';

/** The write side of /v2: each route validates its body and hands over to the engine. */
export function commandRoutes(commands: EngineCommands): Router {
  const router = Router();

  router.post('/process-instances', async (req, res) => {
    const body = CreateInstance.parse(req.body ?? {});
    const created = await commands.createProcessInstance({
      processDefinitionId: body.processDefinitionId,
      processDefinitionVersion: body.processDefinitionVersion,
      processDefinitionKey: body.processDefinitionKey,
      variables: body.variables,
      awaitCompletion: body.awaitCompletion ?? false,
      requestTimeout: body.requestTimeout ?? 0,
      fetchVariables: body.fetchVariables ?? undefined,
    });
    res.json({ ...created, tenantId: TENANT, tags: [], businessId: null });
  });

  router.post('/process-instances/:key/cancellation', async (req, res) => {
    Empty.parse(req.body);
    await commands.cancelProcessInstance(keyParam(req.params.key, 'processInstanceKey'));
    res.status(204).end();
  });

  router.post('/jobs/activation', async (req, res) => {
    const body = Activate.parse(req.body ?? {});
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const jobs = await commands.activateJobs(
      {
        type: body.type,
        worker: body.worker ?? '',
        timeout: body.timeout,
        maxJobsToActivate: body.maxJobsToActivate,
        fetchVariable: body.fetchVariable ?? undefined,
        requestTimeout: longPollMillis(body.requestTimeout),
      },
      abort.signal,
    );
    res.json({ jobs: jobs.map((j) => ({ ...j, tenantId: TENANT, userTask: null, tags: [] })) });
  });

  router.post('/jobs/:key/completion', async (req, res) => {
    const body = Complete.parse(req.body ?? {});
    await commands.completeJob(keyParam(req.params.key, 'jobKey'), body.variables);
    res.status(204).end();
  });

  router.post('/jobs/:key/failure', async (req, res) => {
    const body = Fail.parse(req.body ?? {});
    await commands.failJob(keyParam(req.params.key, 'jobKey'), {
      retries: body.retries,
      errorMessage: body.errorMessage ?? '',
      retryBackOff: body.retryBackOff,
      variables: body.variables,
    });
    res.status(204).end();
  });

  router.post('/jobs/:key/error', async (req, res) => {
    const body = ThrowError.parse(req.body ?? {});
    await commands.throwJobError(keyParam(req.params.key, 'jobKey'), {
      errorCode: body.errorCode,
      errorMessage: body.errorMessage ?? '',
      variables: body.variables,
    });
    res.status(204).end();
  });

  router.patch('/jobs/:key', async (req, res) => {
    const body = UpdateJob.parse(req.body ?? {});
    const { retries, timeout } = body.changeset;
    if (retries == null && timeout == null) throw EngineRejection.invalidArgument('Expected changeset.retries or changeset.timeout to be set');
    await commands.updateJob(keyParam(req.params.key, 'jobKey'), { retries: retries ?? undefined, timeout: timeout ?? undefined });
    res.status(204).end();
  });

  router.post('/user-tasks/:key/assignment', async (req, res) => {
    const body = Assign.parse(req.body ?? {});
    await commands.assignUserTask(keyParam(req.params.key, 'userTaskKey'), { assignee: body.assignee, allowOverride: body.allowOverride ?? true });
    res.status(204).end();
  });

  router.delete('/user-tasks/:key/assignee', async (req, res) => {
    await commands.unassignUserTask(keyParam(req.params.key, 'userTaskKey'));
    res.status(204).end();
  });

  router.post('/user-tasks/:key/completion', async (req, res) => {
    const body = CompleteTask.parse(req.body ?? {});
    await commands.completeUserTask(keyParam(req.params.key, 'userTaskKey'), body.variables);
    res.status(204).end();
  });

  router.post('/messages/publication', async (req, res) => {
    const body = Publish.parse(req.body ?? {});
    const result = await commands.publishMessage({
      name: body.name,
      correlationKey: body.correlationKey,
      timeToLive: body.timeToLive,
      messageId: body.messageId ?? undefined,
      variables: body.variables,
    });
    res.json({ tenantId: TENANT, messageKey: result.messageKey });
  });

  router.post('/messages/correlation', async (req, res) => {
    const body = Correlate.parse(req.body ?? {});
    const result = await commands.correlateMessage({ name: body.name, correlationKey: body.correlationKey, variables: body.variables });
    res.json({ tenantId: TENANT, ...result });
  });

  router.post('/incidents/:key/resolution', async (req, res) => {
    Empty.parse(req.body);
    await commands.resolveIncident(keyParam(req.params.key, 'incidentKey'));
    res.status(204).end();
  });

  router.put('/clock', async (req, res) => {
    const body = z.object({ timestamp: z.number().int().nonnegative() }).parse(req.body ?? {});
    await commands.pinClock(body.timestamp);
    res.status(204).end();
  });

  router.post('/clock/reset', async (_req, res) => {
    await commands.resetClock();
    res.status(204).end();
  });

  return router;
}

/** Camunda's rule: no or zero requestTimeout waits the gateway default (10 s); a negative one answers at once. */
function longPollMillis(requestTimeout: number | null | undefined): number {
  if (requestTimeout == null || requestTimeout === 0) return 10_000;
  return requestTimeout > 0 ? requestTimeout : 0;
}
