/**
 * The inbox API's answers, shared with the pages (web/) as types: this file imports nothing, so
 * the browser build can use it.
 */

/** What the inbox shows about a task's case: its id, current stage and team. No identity. */
export interface TaskCase {
  caseId: string;
  stage: { code: string; label: string } | null;
  team: { id: string; name: string } | null;
}

/** A task as GET /api/inbox shows it. */
export interface InboxTask {
  key: string;
  name: string | null;
  elementId: string;
  processDefinitionId: string;
  caseId: string | null;
  stage: TaskCase['stage'];
  team: TaskCase['team'];
  /** The client's service language, 'fi' or 'sv' (domain.md R15); null when the task has no case. */
  serviceLanguage: 'fi' | 'sv' | null;
  /** When the task is due: the engine's due date, or else the case's earliest unmet pathway deadline. */
  dueDate: string | null;
  /** Where the due date comes from: the task itself (its schedule), or the case's deadline rules. */
  dueDateSource: 'task' | 'deadline' | null;
  overdue: boolean;
  creationDate: string;
  assignee: string | null;
  /** The assignee's name, when they are a user of the app. */
  assigneeName: string | null;
  assignedToMe: boolean;
  candidateGroups: string[];
  candidateUsers: string[];
  hasForm: boolean;
  /** The engine's priority, 0–100 (50 unless the diagram sets one). */
  priority: number;
}

/** Which open tasks the inbox shows: all the user's, assigned to them, offered to their groups, nobody's yet, or past due. */
export const INBOX_VIEWS = ['all', 'mine', 'group', 'unassigned', 'overdue'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

/** The inbox's orders: earliest due first (no due date last), newest first, highest priority first. */
export const INBOX_SORTS = ['dueDate', 'creationDate', 'priority'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** GET /api/inbox: one page of tasks, how many match in all, how many come after this page, and the cursor to them. */
export interface InboxPage {
  items: InboxTask[];
  page: { totalItems: number; remaining: number; endCursor: string | null };
}

/** GET /api/inbox/tasks/:key: the task, its form-js schema (null without a form) and the variables that form shows. */
export interface TaskDetails {
  task: InboxTask & { state: string };
  form: unknown;
  variables: Record<string, unknown>;
}
