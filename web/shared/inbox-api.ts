import type { InboxPage, InboxSort, InboxTask, InboxView, TaskDetails } from '../../src/api/inbox/inbox-types.js';
import { api } from './api.js';

export type { InboxPage, InboxSort, InboxTask, InboxView, TaskDetails };

/** What the inbox page asks for: a view, an order, search words and the cursor of the page to continue after. */
export interface InboxQuery {
  view: InboxView;
  sort: InboxSort;
  search: string;
  after?: string;
}

export const listInbox = (query: InboxQuery) => {
  const params = new URLSearchParams({ view: query.view, sort: query.sort });
  if (query.search) params.set('search', query.search);
  if (query.after) params.set('after', query.after);
  return api<InboxPage>('GET', `/api/inbox?${params.toString()}`);
};
export const getTask = (key: string) => api<TaskDetails>('GET', `/api/inbox/tasks/${encodeURIComponent(key)}`);
export const claimTask = (key: string) => api<void>('POST', `/api/inbox/tasks/${encodeURIComponent(key)}/claim`);
export const unclaimTask = (key: string) => api<void>('POST', `/api/inbox/tasks/${encodeURIComponent(key)}/unclaim`);
export const completeTask = (key: string, variables: Record<string, unknown>) =>
  api<void>('POST', `/api/inbox/tasks/${encodeURIComponent(key)}/completion`, { variables });
