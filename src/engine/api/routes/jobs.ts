import { z } from 'zod';
import type { ActivatedJob } from '../../commands.js';
import { keyParam } from '../keys.js';
import { jobSearch, jobsQuery } from '../queries/jobs.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { runSearch } from '../search/run-search.js';
import { DEFAULT_TENANT, Int, NonBlank, OperationReference, parseRequest, Str, Variables } from '../validation.js';

const ActivateJobs = z
  .object({
    type: NonBlank('type'),
    worker: Str.nullish(),
    timeout: Int.positive(),
    maxJobsToActivate: Int.positive(),
    fetchVariable: z.array(Str).nullish(),
    requestTimeout: Int.nullish(),
    tenantIds: z.array(Str).nullish(),
    tenantFilter: z.enum(['PROVIDED', 'ASSIGNED'], { error: 'must be one of [PROVIDED, ASSIGNED]' }).nullish(),
  })
  .superRefine((body, ctx) => {
    const others = (body.tenantIds ?? []).filter((id) => id !== DEFAULT_TENANT);
    if (others.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `Expected to handle request Activate Jobs with tenant identifiers [${others.join(', ')}], but multi-tenancy is disabled`,
      });
    }
    if (body.tenantFilter === 'ASSIGNED') {
      ctx.addIssue({
        code: 'custom',
        message: 'Expected to handle request Activate Jobs with ASSIGNED tenant filter, but multi-tenancy is disabled',
      });
    }
  });

const CompleteJob = z
  .object({ variables: Variables, result: z.unknown().nullish() })
  .nullish()
  .superRefine((body, ctx) => {
    if (body?.result !== undefined && body?.result !== null) {
      ctx.addIssue({
        code: 'custom',
        message: 'The embedded engine does not support a job result (user task listeners, ad-hoc subprocesses)',
      });
    }
  });

const FailJob = z
  .object({ retries: Int.nullish(), errorMessage: Str.nullish(), retryBackOff: Int.min(0).nullish(), variables: Variables })
  .nullish();

const ThrowJobError = z.object({ errorCode: NonBlank('errorCode'), errorMessage: Str.nullish(), variables: Variables });

const UpdateJob = z
  .object({
    changeset: z.object({ retries: Int.nullish(), timeout: Int.nullish() }).nullish(),
    operationReference: OperationReference,
  })
  .superRefine((body, ctx) => {
    if (body.changeset?.retries == null && body.changeset?.timeout == null) {
      ctx.addIssue({ code: 'custom', message: 'At least one of [retries, timeout] is required' });
    }
  });

/**
 * Camunda's long-polling rule for job activation: no or a zero requestTimeout waits the gateway
 * default (10 s); a negative one answers at once.
 */
export function longPollMillis(requestTimeout: number | null | undefined): number {
  if (requestTimeout === null || requestTimeout === undefined || requestTimeout === 0) return 10_000;
  return requestTimeout > 0 ? requestTimeout : 0;
}

export function toActivatedJob(job: ActivatedJob) {
  return {
    type: job.type,
    processDefinitionId: job.processDefinitionId,
    processDefinitionVersion: job.processDefinitionVersion,
    elementId: job.elementId,
    customHeaders: job.customHeaders,
    worker: job.worker,
    retries: job.retries,
    deadline: job.deadline,
    variables: job.variables,
    tenantId: DEFAULT_TENANT,
    jobKey: job.jobKey,
    processInstanceKey: job.processInstanceKey,
    processDefinitionKey: job.processDefinitionKey,
    elementInstanceKey: job.elementInstanceKey,
    kind: job.kind,
    listenerEventType: job.listenerEventType,
    userTask: null,
    tags: [] as string[],
    rootProcessInstanceKey: job.rootProcessInstanceKey,
  };
}

/** POST /v2/jobs/activation (long polling), …/{key}/completion|failure|error, PATCH …/{key}, POST …/search. */
export function jobRoutes(t: RouteTable, deps: RouteDeps): void {
  const { commands, knex } = deps;
  const spec = jobSearch();

  t.add('post', '/jobs/activation', async (req, res) => {
    const body = parseRequest(ActivateJobs, req.body ?? {});
    // Aborts the long poll when the client goes away before the answer is written.
    const disconnect = new AbortController();
    const onClose = () => {
      if (!res.writableEnded) disconnect.abort();
    };
    res.on('close', onClose);
    try {
      const jobs = await commands.activateJobs(
        {
          type: body.type,
          worker: body.worker ?? '',
          timeout: body.timeout,
          maxJobsToActivate: body.maxJobsToActivate,
          fetchVariable: body.fetchVariable ?? undefined,
          requestTimeout: longPollMillis(body.requestTimeout),
        },
        disconnect.signal,
      );
      if (disconnect.signal.aborted) return;
      res.json({ jobs: jobs.map(toActivatedJob) });
    } finally {
      res.off('close', onClose);
    }
  });

  t.add('post', '/jobs/search', async (req, res) => {
    res.json(await runSearch(jobsQuery(knex, deps.searchLagMs), spec, req.body));
  });

  t.add('post', '/jobs/:jobKey/completion', async (req, res) => {
    const key = keyParam(req, 'jobKey');
    const body = parseRequest(CompleteJob, req.body);
    await commands.completeJob(key, body?.variables ?? {});
    res.status(204).end();
  });

  t.add('post', '/jobs/:jobKey/failure', async (req, res) => {
    const key = keyParam(req, 'jobKey');
    const body = parseRequest(FailJob, req.body);
    await commands.failJob(key, {
      retries: body?.retries ?? 0,
      errorMessage: body?.errorMessage ?? '',
      retryBackOff: body?.retryBackOff ?? 0,
      variables: body?.variables ?? {},
    });
    res.status(204).end();
  });

  t.add('post', '/jobs/:jobKey/error', async (req, res) => {
    const key = keyParam(req, 'jobKey');
    const body = parseRequest(ThrowJobError, req.body ?? {});
    await commands.throwJobError(key, { errorCode: body.errorCode, errorMessage: body.errorMessage ?? '', variables: body.variables });
    res.status(204).end();
  });

  t.add('patch', '/jobs/:jobKey', async (req, res) => {
    const key = keyParam(req, 'jobKey');
    const body = parseRequest(UpdateJob, req.body ?? {});
    const changes: { retries?: number; timeout?: number } = {};
    if (body.changeset?.retries != null) changes.retries = body.changeset.retries;
    if (body.changeset?.timeout != null) changes.timeout = body.changeset.timeout;
    await commands.updateJob(key, changes);
    res.status(204).end();
  });
}
