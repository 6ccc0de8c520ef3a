import { assigneeOf, type Principal } from '../../auth/principal.js';

/** The fields of a user task that decide who may see it. */
export interface TaskAudience {
  assignee: string | null;
  candidateUsers: readonly string[];
  candidateGroups: readonly string[];
}

/**
 * A user may see (and so claim) a task assigned to them, or one whose candidate users name
 * their professional id, or whose candidate groups include one of theirs: the same rule the
 * inbox's search applies, so a task opened by key cannot reach anyone the inbox would not show it to.
 */
export function maySeeTask(principal: Principal, task: TaskAudience): boolean {
  if (task.assignee !== null && task.assignee === assigneeOf(principal)) return true;
  if (principal.professionalId && task.candidateUsers.includes(principal.professionalId)) return true;
  return task.candidateGroups.some((group) => principal.candidateGroups.includes(group));
}

/** Only the assignee completes a task: claiming first is how two colleagues avoid doing it twice. */
export function mayCompleteTask(principal: Principal, task: TaskAudience): boolean {
  return task.assignee === assigneeOf(principal);
}
