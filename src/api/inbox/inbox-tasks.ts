import { UserTaskKey } from '@camunda8/orchestration-cluster-api';
import type { Knex } from 'knex';
import { assigneeOf, type Principal } from '../../auth/principal.js';
import type { UserDirectory } from '../../auth/users.js';
import { NO_WAIT, type CamundaClient } from '../../camunda-client.js';
import { casesByRootInstance } from '../../store/inbox/case-lookup.js';
import { pathwayDueDates } from '../../store/inbox/deadline-due.js';
import type { InboxTask } from './inbox-types.js';
import { engineProblem } from '../../http/problem.js';

type UserTask = Awaited<ReturnType<CamundaClient['searchUserTasks']>>['items'][number];

/** One page of the engine's search; the inbox reads page after page until the search has no more. */
const ENGINE_PAGE = 200;

/**
 * The open tasks for the user: assigned to them, or offered to them as a candidate user (their
 * professional id) or through one of their candidate groups. Three searches through the official
 * client, each read to its end by cursor, merged by key; earliest due first, tasks without a due
 * date last. The inbox filters, sorts and pages these (inbox-page.ts), as the due dates that the
 * case's deadlines give are the read model's, not the engine's to sort by.
 */
export async function inboxTasks(deps: TaskDeps, principal: Principal, now = new Date()): Promise<InboxTask[]> {
  const { camunda } = deps;
  const filters = [
    { assignee: assigneeOf(principal) },
    ...(principal.professionalId ? [{ candidateUser: principal.professionalId }] : []),
    ...(principal.candidateGroups.length > 0 ? [{ candidateGroup: { $in: principal.candidateGroups } }] : []),
  ];
  const found = await Promise.all(filters.map((filter) => allOpenTasks(camunda, filter)));
  const tasks = [...new Map(found.flat().map((task) => [String(task.userTaskKey), task])).values()];
  const shown = await describeTasks(deps, principal, tasks, now);
  return shown.sort(byDueDate);
}

type TaskFilter = NonNullable<Parameters<CamundaClient['searchUserTasks']>[0]['filter']>;

/** Every open task the filter finds, page after page by the search's cursor. */
async function allOpenTasks(camunda: CamundaClient, filter: TaskFilter): Promise<UserTask[]> {
  const tasks: UserTask[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await camunda
      .searchUserTasks(
        {
          filter: { ...filter, state: 'CREATED' },
          sort: [{ field: 'creationDate', order: 'ASC' }],
          page: { limit: ENGINE_PAGE, ...(after ? { after } : {}) },
        },
        NO_WAIT,
      )
      .catch((error: unknown) => {
        throw engineProblem('The inbox could not be read', error);
      });
    tasks.push(...page.items);
    const next = page.page.endCursor ?? undefined;
    if (page.items.length < ENGINE_PAGE || !next) return tasks;
    after = String(next);
  }
}

/** What the inbox reads: the read model, the engine, and the users (to name assignees). */
export interface TaskDeps {
  knex: Knex;
  camunda: CamundaClient;
  users: UserDirectory;
}

/**
 * Adds each task's case, stage and team from the read model, its assignee's name, and a due date
 * from the case's deadlines (deadline-due.ts) where the task has none of its own.
 */
export async function describeTasks(
  deps: TaskDeps,
  principal: Principal,
  tasks: readonly UserTask[],
  now = new Date(),
): Promise<InboxTask[]> {
  const rootOf = (task: UserTask) => String(task.rootProcessInstanceKey ?? task.processInstanceKey);
  const cases = await casesByRootInstance(deps.knex, tasks.map(rootOf));
  const caseDue = await pathwayDueDates(
    deps.knex,
    [...cases.values()].map((found) => found.caseId),
  );
  const nameOf = (assignee: string) => (deps.users.byProfessionalId(assignee) ?? deps.users.byUsername(assignee))?.displayName ?? null;
  const me = assigneeOf(principal);
  return tasks.map((task) => {
    const found = cases.get(rootOf(task));
    const fromCase = found ? caseDue.get(found.caseId) : undefined;
    const dueDate = task.dueDate ?? fromCase?.toISOString() ?? null;
    return {
      key: String(task.userTaskKey),
      name: task.name,
      elementId: String(task.elementId),
      processDefinitionId: String(task.processDefinitionId),
      caseId: found?.caseId ?? null,
      stage: found?.stage ?? null,
      team: found?.team ?? null,
      serviceLanguage: found?.serviceLanguage ?? null,
      dueDate,
      dueDateSource: task.dueDate ? 'task' : fromCase ? 'deadline' : null,
      overdue: dueDate !== null && Date.parse(dueDate) < now.getTime(),
      creationDate: task.creationDate,
      assignee: task.assignee,
      assigneeName: task.assignee === null ? null : nameOf(task.assignee),
      assignedToMe: task.assignee === me,
      candidateGroups: task.candidateGroups,
      candidateUsers: task.candidateUsers,
      hasForm: task.formKey !== null,
      priority: task.priority ?? 50,
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
