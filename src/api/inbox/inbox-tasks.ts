import { UserTaskKey } from '@camunda8/orchestration-cluster-api';
import type { Knex } from 'knex';
import { assigneeOf, type Principal } from '../../auth/principal.js';
import type { UserDirectory } from '../../auth/users.js';
import { NO_WAIT, type CamundaClient } from '../../camunda-client.js';
import { casesByRootInstance } from '../../store/inbox/case-lookup.js';
import type { InboxTask } from './inbox-types.js';
import { engineProblem } from '../../http/problem.js';

type UserTask = Awaited<ReturnType<CamundaClient['searchUserTasks']>>['items'][number];

/** More open tasks than one person can work through; the inbox shows the earliest due first. */
const PAGE_LIMIT = 200;

/**
 * The open tasks for the user: assigned to them, or offered to them as a candidate user (their
 * professional id) or through one of their candidate groups. Three searches through the official
 * client, merged by key; earliest due first, tasks without a due date last.
 */
export async function inboxTasks(deps: TaskDeps, principal: Principal, now = new Date()): Promise<InboxTask[]> {
  const { camunda } = deps;
  const filters = [
    { assignee: assigneeOf(principal) },
    ...(principal.professionalId ? [{ candidateUser: principal.professionalId }] : []),
    ...(principal.candidateGroups.length > 0 ? [{ candidateGroup: { $in: principal.candidateGroups } }] : []),
  ];
  const pages = await Promise.all(
    filters.map((filter) =>
      camunda
        .searchUserTasks(
          { filter: { state: 'CREATED', ...filter }, sort: [{ field: 'dueDate', order: 'ASC' }], page: { limit: PAGE_LIMIT } },
          NO_WAIT,
        )
        .catch((error: unknown) => {
          throw engineProblem('The inbox could not be read', error);
        }),
    ),
  );
  const tasks = [...new Map(pages.flatMap((page) => page.items).map((task) => [String(task.userTaskKey), task])).values()];
  const shown = await describeTasks(deps, principal, tasks, now);
  return shown.sort(byDueDate);
}

/** What the inbox reads: the read model, the engine, and the users (to name assignees). */
export interface TaskDeps {
  knex: Knex;
  camunda: CamundaClient;
  users: UserDirectory;
}

/** Adds each task's case, stage and team from the read model, and its assignee's name. */
export async function describeTasks(
  deps: TaskDeps,
  principal: Principal,
  tasks: readonly UserTask[],
  now = new Date(),
): Promise<InboxTask[]> {
  const rootOf = (task: UserTask) => String(task.rootProcessInstanceKey ?? task.processInstanceKey);
  const cases = await casesByRootInstance(deps.knex, tasks.map(rootOf));
  const nameOf = (assignee: string) => (deps.users.byProfessionalId(assignee) ?? deps.users.byUsername(assignee))?.displayName ?? null;
  const me = assigneeOf(principal);
  return tasks.map((task) => {
    const found = cases.get(rootOf(task));
    return {
      key: String(task.userTaskKey),
      name: task.name,
      elementId: String(task.elementId),
      processDefinitionId: String(task.processDefinitionId),
      caseId: found?.caseId ?? null,
      stage: found?.stage ?? null,
      team: found?.team ?? null,
      serviceLanguage: found?.serviceLanguage ?? null,
      dueDate: task.dueDate,
      overdue: task.dueDate !== null && Date.parse(task.dueDate) < now.getTime(),
      creationDate: task.creationDate,
      assignee: task.assignee,
      assigneeName: task.assignee === null ? null : nameOf(task.assignee),
      assignedToMe: task.assignee === me,
      candidateGroups: task.candidateGroups,
      candidateUsers: task.candidateUsers,
      hasForm: task.formKey !== null,
    };
  });
}

function byDueDate(a: InboxTask, b: InboxTask): number {
  if (a.dueDate === b.dueDate) return a.creationDate.localeCompare(b.creationDate);
  if (a.dueDate === null) return 1;
  if (b.dueDate === null) return -1;
  return Date.parse(a.dueDate) - Date.parse(b.dueDate);
}

/** One task by key, or undefined when the engine has none. */
export async function findUserTask(camunda: CamundaClient, key: string): Promise<UserTask | undefined> {
  const page = await camunda
    .searchUserTasks({ filter: { userTaskKey: UserTaskKey.assumeExists(key) }, page: { limit: 1 } }, NO_WAIT)
    .catch((error: unknown) => {
      throw engineProblem(`Task ${key} could not be read`, error);
    });
  return page.items[0];
}

/** The task's form schema (form-js JSON), or null for a task without a form. */
export async function taskForm(camunda: CamundaClient, key: string): Promise<unknown> {
  const form = await camunda.getUserTaskForm({ userTaskKey: UserTaskKey.assumeExists(key) }, NO_WAIT).catch((error: unknown) => {
    throw engineProblem(`The form of task ${key} could not be read`, error);
  });
  return form?.schema ? (JSON.parse(form.schema) as unknown) : null;
}

/** The variables the task sees (its own scope and the ones above it), as values, for the form to start from. */
export async function taskVariables(camunda: CamundaClient, key: string): Promise<Record<string, unknown>> {
  const page = await camunda
    .searchUserTaskVariables({ userTaskKey: UserTaskKey.assumeExists(key), truncateValues: false, page: { limit: 1000 } }, NO_WAIT)
    .catch((error: unknown) => {
      throw engineProblem(`The variables of task ${key} could not be read`, error);
    });
  return Object.fromEntries(page.items.map((v) => [v.name, JSON.parse(v.value) as unknown]));
}
