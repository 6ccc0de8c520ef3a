import type { Knex } from 'knex';
import { setMaxListeners } from 'node:events';
import { z } from 'zod';
import type { ActivatedJob, EngineCommands } from '../../commands.js';
import { ENGINE_SCHEMA as S } from '../../store/schema.js';
import { Bool, Int, NonBlank, Str } from '../validation.js';
import { handBack } from './hand-back.js';
import { localVariablesOf, toLockedExternalTask, type JobRow, type LockedExternalTaskDto } from './task-rows.js';

/** Camunda 7's longest asyncResponseTimeout: half an hour. */
const MAX_ASYNC_RESPONSE_TIMEOUT_MS = 1_800_000;

const unsupported = (field: string) =>
  z
    .unknown()
    .refine((value) => value === undefined || value === null, { error: `${field} is not supported by the embedded engine` })
    .optional();

const Topic = z.object({
  topicName: NonBlank('topicName'),
  lockDuration: Int.positive(),
  variables: z.array(Str).nullish(),
  localVariables: Bool.nullish(),
  processDefinitionKey: Str.nullish(),
  processDefinitionKeyIn: z.array(Str).nullish(),
  includeExtensionProperties: Bool.nullish(),
  deserializeValues: Bool.nullish(),
  withoutTenantId: Bool.nullish(),
  businessKey: unsupported('businessKey'),
  processDefinitionId: unsupported('processDefinitionId'),
  processDefinitionIdIn: unsupported('processDefinitionIdIn'),
  processDefinitionVersionTag: unsupported('processDefinitionVersionTag'),
  processVariables: unsupported('processVariables'),
  tenantIdIn: unsupported('tenantIdIn'),
});

export const FetchAndLock = z.object({
  workerId: NonBlank('workerId'),
  maxTasks: Int.min(0),
  // Jobs carry no priority: every task has priority 0, so priority order is creation order.
  usePriority: Bool.nullish(),
  asyncResponseTimeout: Int.min(0).max(MAX_ASYNC_RESPONSE_TIMEOUT_MS).nullish(),
  topics: z.array(Topic).nullish(),
  sorting: z
    .array(z.object({ sortBy: z.literal('createTime'), sortOrder: z.literal('asc', { error: 'only createTime asc is supported' }) }))
    .nullish(),
});

type Request = z.output<typeof FetchAndLock>;
type TopicRequest = z.output<typeof Topic>;

export interface FetchDeps {
  commands: EngineCommands;
  knex: Knex;
}

interface Locked {
  job: ActivatedJob;
  topic: TopicRequest;
}

/**
 * POST /external-task/fetchAndLock: each topic is a job type, and locking is the job's
 * activation, so a task locked here is a job activated for /v2 too and the other way round.
 * Topics are tried in order, each for what the earlier left of maxTasks. When none had work and
 * the request allows a wait, every topic long-polls at once on the engine's wake-ups (a new job
 * of its type, a lock or back-off running out); the first to lock jobs ends the others. Two
 * topics woken by the same commit can lock more than maxTasks between them: the surplus is
 * unlocked again before answering.
 */
export async function fetchAndLock(deps: FetchDeps, request: Request, signal: AbortSignal): Promise<LockedExternalTaskDto[]> {
  const topics = request.topics ?? [];
  const max = request.maxTasks;
  if (topics.length === 0 || max === 0) return [];
  const locked: Locked[] = [];
  for (const topic of topics) {
    if (locked.length >= max) break;
    locked.push(...(await lockTopic(deps, request.workerId, topic, max - locked.length, 0, signal)));
  }
  const wait = request.asyncResponseTimeout ?? 0;
  if (locked.length === 0 && wait > 0) locked.push(...(await firstToLock(deps, request.workerId, topics, max, wait, signal)));
  const surplus = locked.splice(max);
  await Promise.all(surplus.map(({ job }) => handBack(deps, job.jobKey)));
  return asTasks(deps.knex, locked);
}

async function firstToLock(
  deps: FetchDeps,
  workerId: string,
  topics: TopicRequest[],
  max: number,
  wait: number,
  signal: AbortSignal,
): Promise<Locked[]> {
  const done = new AbortController();
  // Each topic's poll listens on it: a client subscribed to many topics is no leak.
  setMaxListeners(topics.length + 1, done.signal);
  const end = () => done.abort();
  signal.addEventListener('abort', end);
  try {
    const polls = topics.map(async (topic) => {
      const found = await lockTopic(deps, workerId, topic, max, wait, done.signal);
      if (found.length > 0) end();
      return found;
    });
    return (await Promise.all(polls)).flat();
  } finally {
    signal.removeEventListener('abort', end);
  }
}

async function lockTopic(
  deps: FetchDeps,
  workerId: string,
  topic: TopicRequest,
  max: number,
  wait: number,
  signal: AbortSignal,
): Promise<Locked[]> {
  const processes = [...(topic.processDefinitionKey ? [topic.processDefinitionKey] : []), ...(topic.processDefinitionKeyIn ?? [])];
  const jobs = await deps.commands.activateJobs(
    {
      type: topic.topicName,
      worker: workerId,
      timeout: topic.lockDuration,
      maxJobsToActivate: max,
      fetchVariable: topic.variables?.length ? topic.variables : undefined,
      requestTimeout: wait,
      ...(processes.length > 0 ? { processDefinitionIds: processes } : {}),
    },
    signal,
  );
  return jobs.map((job) => ({ job, topic }));
}

/** The locked jobs as Camunda 7 tasks, each with the variables its topic asked for. */
async function asTasks(knex: Knex, locked: Locked[]): Promise<LockedExternalTaskDto[]> {
  if (locked.length === 0) return [];
  const keys = locked.map(({ job }) => job.jobKey);
  const rows = new Map(((await knex(`${S}.jobs`).whereIn('key', keys)) as JobRow[]).map((row) => [String(row.key), row]));
  const local = await localVariablesOf(
    knex,
    locked.filter(({ topic }) => topic.localVariables).map(({ job }) => job.elementInstanceKey),
  );
  return locked.map(({ job, topic }) => {
    const names = topic.variables;
    const all = topic.localVariables ? local.get(job.elementInstanceKey)! : job.variables;
    const variables = names ? Object.fromEntries(Object.entries(all).filter(([name]) => names.includes(name))) : all;
    return toLockedExternalTask(rows.get(job.jobKey)!, variables);
  });
}
