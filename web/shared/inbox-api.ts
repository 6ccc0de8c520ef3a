import type { InboxTask, TaskDetails } from '../../src/api/inbox/inbox-types.js';
import { api } from './api.js';

export type { InboxTask, TaskDetails };

export const listInbox = () => api<{ items: InboxTask[] }>('GET', '/api/inbox').then((r) => r.items);
export const getTask = (key: string) => api<TaskDetails>('GET', `/api/inbox/tasks/${encodeURIComponent(key)}`);
export const claimTask = (key: string) => api<void>('POST', `/api/inbox/tasks/${encodeURIComponent(key)}/claim`);
export const unclaimTask = (key: string) => api<void>('POST', `/api/inbox/tasks/${encodeURIComponent(key)}/unclaim`);
export const completeTask = (key: string, variables: Record<string, unknown>) =>
  api<void>('POST', `/api/inbox/tasks/${encodeURIComponent(key)}/completion`, { variables });
