import type { InboxPage, InboxSort, InboxTask, InboxView } from './inbox-types.js';

/** What the inbox is asked for: which tasks, in which order, matching which words, which page. */
export interface InboxRequest {
  view: InboxView;
  sort: InboxSort;
  /** Words the task's name, case, stage, team or assignee must contain (any case). */
  search: string;
  limit: number;
  /** The sort position of the previous page's last task (a cursor this function gave). */
  after?: SortPosition;
}

/** Where a task stands in an order: compared element by element, the task key last so no two tie. */
export type SortPosition = ReadonlyArray<number | string>;

/**
 * One page of the tasks, the way Tasklist pages: filtered by view and search, sorted, and the
 * page after the cursor's position. A keyset page, so tasks created or done meanwhile neither
 * repeat nor drop out of the next page; `remaining` says how many come after this one.
 */
export function inboxPage(tasks: readonly InboxTask[], request: InboxRequest, myGroups: readonly string[]): InboxPage {
  const words = request.search.toLocaleLowerCase('fi').split(/\s+/).filter(Boolean);
  const matching = tasks.filter((task) => inView(task, request.view, myGroups) && words.every((word) => searchText(task).includes(word)));
  const ordered = matching
    .map((task) => ({ task, position: sortPosition(task, request.sort) }))
    .sort((a, b) => compare(a.position, b.position));
  const after = request.after;
  const rest = after ? ordered.filter((entry) => compare(entry.position, after) > 0) : ordered;
  const shown = rest.slice(0, request.limit);
  const last = shown.at(-1);
  const remaining = rest.length - shown.length;
  return {
    items: shown.map((entry) => entry.task),
    page: { totalItems: matching.length, remaining, endCursor: last && remaining > 0 ? encodeCursor(last.position) : null },
  };
}

function inView(task: InboxTask, view: InboxView, myGroups: readonly string[]): boolean {
  switch (view) {
    case 'all':
      return true;
    case 'mine':
      return task.assignedToMe;
    case 'group':
      return task.candidateGroups.some((group) => myGroups.includes(group));
    case 'unassigned':
      return task.assignee === null;
    case 'overdue':
      return task.overdue;
  }
}

function searchText(task: InboxTask): string {
  return [task.name, task.elementId, task.caseId, task.stage?.label, task.team?.name, task.assigneeName]
    .filter((part) => part !== null && part !== undefined)
    .join(' ')
    .toLocaleLowerCase('fi');
}

/** Keys are decimal strings up to 20 digits: padded, they compare as the numbers do. */
const keyOrder = (task: InboxTask) => task.key.padStart(20, '0');

function sortPosition(task: InboxTask, sort: InboxSort): SortPosition {
  const due = task.dueDate === null ? [1, 0] : [0, Date.parse(task.dueDate)];
  const created = Date.parse(task.creationDate);
  switch (sort) {
    case 'dueDate':
      return [...due, created, keyOrder(task)];
    case 'creationDate':
      return [-created, keyOrder(task)];
    case 'priority':
      return [-task.priority, ...due, keyOrder(task)];
  }
}

function compare(a: SortPosition, b: SortPosition): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i], b[i]];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

function encodeCursor(position: SortPosition): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The position a cursor holds, or undefined when it is not one this inbox gave for the order. */
export function decodeCursor(cursor: string, sort: InboxSort): SortPosition | undefined {
  try {
    const position: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const lengths: Record<InboxSort, number> = { dueDate: 4, creationDate: 2, priority: 4 };
    const valid =
      Array.isArray(position) &&
      position.length === lengths[sort] &&
      position.every((part, i) =>
        i === position.length - 1 ? typeof part === 'string' : typeof part === 'number' && Number.isFinite(part),
      );
    return valid ? (position as SortPosition) : undefined;
  } catch {
    return undefined;
  }
}
