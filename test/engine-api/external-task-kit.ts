/**
 * The external-task tests' kit: requests to the engine's /engine-rest as camunda-external-task-client-js
 * or any Camunda 7 client sends them, and tasks taken with the real library.
 */
import { Client, type SubscribeOptions, type Task, type TaskService } from 'camunda-external-task-client-js';
import { raw, type RawResponse } from '../support/raw.js';

export const WORKER = 'c7-worker';

/** A locked task as fetchAndLock answers it (the fields the tests read). */
export interface LockedTask {
  id: string;
  topicName: string;
  workerId: string;
  lockExpirationTime: string;
  processInstanceId: string;
  activityId: string;
  retries: number;
  variables: Record<string, { value: unknown; type: string }>;
  extensionProperties: Record<string, string>;
}

export function post(target: { url: string }, path: string, json: unknown = {}): Promise<RawResponse> {
  return raw(target, 'POST', `/engine-rest${path}`, { json });
}

/** fetchAndLock of one topic without waiting; answers the tasks locked. */
export async function fetchTopic(
  target: { url: string },
  topic: Record<string, unknown> & { topicName: string },
  options: { workerId?: string; maxTasks?: number; asyncResponseTimeout?: number } = {},
): Promise<LockedTask[]> {
  const answer = await post(target, '/external-task/fetchAndLock', {
    workerId: options.workerId ?? WORKER,
    maxTasks: options.maxTasks ?? 10,
    ...(options.asyncResponseTimeout ? { asyncResponseTimeout: options.asyncResponseTimeout } : {}),
    topics: [{ lockDuration: 60_000, ...topic }],
  });
  if (answer.status !== 200) throw new Error(`fetchAndLock answered ${answer.status}: ${answer.text}`);
  return answer.body as unknown as LockedTask[];
}

/**
 * The first task of a topic as the real library hands it to a handler: a client polls (long
 * polls) until one is there, then stops; the task service answers for the library's worker.
 */
export function takeWithLibrary(
  target: { url: string },
  topic: string,
  options: SubscribeOptions = {},
): Promise<{ task: Task; taskService: TaskService }> {
  const client = new Client({
    baseUrl: `${target.url}/engine-rest`,
    workerId: WORKER,
    asyncResponseTimeout: 10_000,
    interval: 10,
    autoPoll: false,
  });
  return new Promise((resolve) => {
    client.subscribe(topic, options, async (handed) => {
      client.stop();
      resolve(handed);
    });
    client.start();
  });
}
