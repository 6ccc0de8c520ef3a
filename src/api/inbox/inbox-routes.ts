import { UserTaskKey } from '@camunda8/orchestration-cluster-api';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { auditActorOf, checkCaseRead, logListReads, readableCases, readCaseAudited } from '../../audit/case-read.js';
import { assigneeOf } from '../../auth/principal.js';
import { principalFrom, requireRole } from '../../auth/require-role.js';
import { COMPLETED_BY_VARIABLE } from '../../jobs/completed-by.js';
import { withAuditActor } from '../../store/audit-repository.js';
import { recordCompletedTask } from '../../store/completed-task-repository.js';
import type { CamundaClient } from '../../camunda-client.js';
import { mayCompleteTask, maySeeTask } from './inbox-access.js';
import { choiceProblems } from './form-choices.js';
import { InboxQuery } from './inbox-query.js';
import { inboxPage } from './inbox-page.js';
import { formDataKeys } from './form-fields.js';
import { formShownKeys } from './form-shown.js';
import { describeTasks, findUserTask, inboxTasks, taskForm, taskVariables, type TaskDeps } from './inbox-tasks.js';
import { engineProblem, ApiProblem, invalidFields, invalidRequest } from '../../http/problem.js';

const TaskKeyParam = z.object({ key: z.string().regex(/^[0-9]{1,20}$/, { error: 'not a user task key (digits)' }) });
const CompletionBody = z.strictObject({ variables: z.record(z.string().min(1), z.unknown()).default({}) });

/**
 * The caseworker's inbox: GET /inbox (a page of the open tasks the user may read the case of,
 * filtered, searched and sorted as inbox-query.ts reads the query; only the page's reads are in the
 * use log, in one insert), and per task GET /inbox/tasks/:key (with its form and the
 * variables the form shows), POST …/claim, …/unclaim and …/completion. Every task route checks
 * that the signed-in user may see the task, and all but the release that they may read its case
 * (src/security/case-access.ts): a task is offered to a whole team, or assigned through /v2 to
 * anyone, but its case's register and the client's consent decide who reads it.
 */
export function inboxRoutes(deps: TaskDeps): Router {
  const router = Router();
  router.use('/inbox', requireRole());

  router.get('/inbox', async (req, res) => {
    const query = InboxQuery.safeParse(req.query);
    if (!query.success) throw invalidRequest(query.error, 'query');
    const principal = principalFrom(req);
    const tasks = await inboxTasks(deps, principal);
    const readable = await readableCases(
      deps.knex,
      principal,
      tasks.flatMap((task) => task.caseId ?? []),
    );
    const mayRead = tasks.filter((task) => task.caseId !== null && readable.has(task.caseId));
    const answer = inboxPage(mayRead, query.data, principal.candidateGroups);
    await logListReads(
      deps.knex,
      principal,
      readable,
      answer.items.flatMap((task) => task.caseId ?? []),
      'inbox',
    );
    res.set('Cache-Control', 'no-store').json(answer);
  });

  router.get('/inbox/tasks/:key', async (req, res) => {
    const { task, key, described } = await taskOfCase(req, deps);
    await readCaseAudited(deps.knex, principalFrom(req), described.caseId, 'task_variables');
    const [form, variables] = await Promise.all([
      task.formKey !== null ? taskForm(deps.camunda, key) : null,
      taskVariables(deps.camunda, key),
    ]);
    const shown = formShownKeys(form);
    const formVariables = Object.fromEntries(Object.entries(variables).filter(([name]) => shown.has(name)));
    res.set('Cache-Control', 'no-store').json({ task: { ...described, state: task.state }, form, variables: formVariables });
  });

  router.post('/inbox/tasks/:key/claim', async (req, res) => {
    const { task, key, described } = await taskOfCase(req, deps, { open: true });
    await checkCaseRead(deps.knex, principalFrom(req), described.caseId, 'task_variables');
    const me = assigneeOf(principalFrom(req));
    if (task.assignee !== null && task.assignee !== me) throw new ApiProblem(409, `Task ${key} is already assigned to ${task.assignee}`);
    if (task.assignee !== me) {
      await deps.camunda
        .assignUserTask({ userTaskKey: UserTaskKey.assumeExists(key), assignee: me, allowOverride: false })
        .catch((error: unknown) => {
          throw engineProblem(`Task ${key} could not be claimed`, error);
        });
    }
    res.status(204).end();
  });

  router.post('/inbox/tasks/:key/unclaim', async (req, res) => {
    const { task, key } = await visibleTask(req, deps.camunda, { open: true });
    if (!mayCompleteTask(principalFrom(req), task)) throw new ApiProblem(409, `Task ${key} is not assigned to you`);
    await deps.camunda.unassignUserTask({ userTaskKey: UserTaskKey.assumeExists(key) }).catch((error: unknown) => {
      throw engineProblem(`Task ${key} could not be released`, error);
    });
    res.status(204).end();
  });

  router.post('/inbox/tasks/:key/completion', async (req, res) => {
    const body = CompletionBody.safeParse(req.body ?? {});
    if (!body.success) throw invalidRequest(body.error);
    const { task, key, described } = await taskOfCase(req, deps, { open: true });
    const { found, access } = await checkCaseRead(deps.knex, principalFrom(req), described.caseId, 'task_variables');
    if (!mayCompleteTask(principalFrom(req), task)) throw new ApiProblem(409, `Task ${key} must be claimed before it is completed`);
    const schema = task.formKey !== null ? await taskForm(deps.camunda, key) : null;
    const allowed = formDataKeys(schema);
    const foreign = Object.keys(body.data.variables).filter((name) => !allowed.has(name));
    if (foreign.length > 0) {
      throw invalidFields(
        foreign.map((name) => ({ field: `variables.${name}`, pointer: `#/variables/${name}`, detail: 'not a field of the task’s form' })),
      );
    }
    const unoffered = schema ? choiceProblems(schema, body.data.variables, await taskVariables(deps.camunda, key)) : [];
    if (unoffered.length > 0) throw invalidFields(unoffered);
    // The workers that write after this task log their writes as this user's (src/jobs/completed-by.ts).
    const completedBy = { userId: principalFrom(req).userId, role: principalFrom(req).role };
    const variables = { ...body.data.variables, [COMPLETED_BY_VARIABLE]: completedBy };
    const principal = principalFrom(req);
    // The case's history records the completion in the transaction that completes it: an engine
    // that refuses leaves no record, and a record that cannot be written leaves the task open.
    await withAuditActor(deps.knex, auditActorOf(principal), access.basis, async (trx) => {
      await recordCompletedTask(trx, {
        caseId: found.caseId,
        userTaskKey: key,
        elementId: String(task.elementId),
        name: task.name ?? null,
        completedBy: { userId: principal.userId, role: principal.role, professionalId: principal.professionalId ?? null },
        completedAt: new Date(),
        register: found.register,
      });
      await deps.camunda.completeUserTask({ userTaskKey: UserTaskKey.assumeExists(key), variables }).catch((error: unknown) => {
        throw engineProblem(`Task ${key} could not be completed`, error);
      });
    });
    res.status(204).end();
  });

  return router;
}

/**
 * The task named in the path, when the user may see it: 404 for no such task, 403 for someone
 * else's, 409 when `open` is asked and the task is no longer open.
 */
async function visibleTask(req: Request, camunda: CamundaClient, options: { open?: boolean } = {}) {
  const parsed = TaskKeyParam.safeParse(req.params);
  if (!parsed.success) throw invalidRequest(parsed.error, 'path');
  const key = parsed.data.key;
  const task = await findUserTask(camunda, key);
  if (!task) throw new ApiProblem(404, `No user task ${key}`);
  if (!maySeeTask(principalFrom(req), task)) throw new ApiProblem(403, `Task ${key} is not offered to you or your groups`);
  if (options.open && task.state !== 'CREATED') throw new ApiProblem(409, `Task ${key} is ${task.state}, no longer open`);
  return { task, key };
}

/**
 * A visible task (visibleTask) with its case from the read model: 403 for a task of no case the
 * service knows, whose readers nobody can decide.
 */
async function taskOfCase(req: Request, deps: TaskDeps, options: { open?: boolean } = {}) {
  const { task, key } = await visibleTask(req, deps.camunda, options);
  const [described] = await describeTasks(deps, principalFrom(req), [task]);
  const { caseId } = described;
  if (caseId === null)
    throw new ApiProblem(403, `Task ${key} belongs to no case of this service, so whether you may read it cannot be decided`);
  return { task, key, described: { ...described, caseId } };
}
