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
  dueDate: string | null;
  overdue: boolean;
  creationDate: string;
  assignee: string | null;
  /** The assignee's name, when they are a user of the app. */
  assigneeName: string | null;
  assignedToMe: boolean;
  candidateGroups: string[];
  candidateUsers: string[];
  hasForm: boolean;
}

/** GET /api/inbox/tasks/:key: the task, its form-js schema (null without a form) and the variables that form shows. */
export interface TaskDetails {
  task: InboxTask & { state: string };
  form: unknown;
  variables: Record<string, unknown>;
}
