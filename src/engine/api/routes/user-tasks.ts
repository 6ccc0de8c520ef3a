import type { Request } from 'express';
import { z } from 'zod';
import { EngineRejection } from '../../errors.js';
import { ENGINE_SCHEMA } from '../../store/schema.js';
import { keyParam } from '../keys.js';
import { findOne, text } from '../queries/convert.js';
import { toForm } from '../queries/forms.js';
import { toUserTask, userTaskSearch, userTasksQuery } from '../queries/user-tasks.js';
import { userTaskVariableSearch, variablesQuery, visibleScopes } from '../queries/variables.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { runSearch } from '../search/run-search.js';
import { Bool, Int, NonBlank, parseRequest, show, Str, Variables } from '../validation.js';

const S = ENGINE_SCHEMA;

const AssignUserTask = z.object({ assignee: NonBlank('assignee'), allowOverride: Bool.nullish(), action: Str.nullish() });
const CompleteUserTask = z.object({ variables: Variables, action: Str.nullish() }).nullish();

/** A date of the changeset: a date-time sets it, an empty string clears it, null or absent keeps it. */
const ChangedDate = z
  .union([z.literal(''), z.iso.datetime({ offset: true })], { error: 'must be an RFC 3339 date-time, or empty to clear it' })
  .nullish()
  .transform((v) => (v === '' ? null : v === null || v === undefined ? undefined : new Date(v)));

/** The changeset of PATCH /user-tasks/{key}; other attributes are ignored, as on a cluster. */
const UpdateUserTask = z
  .object({
    changeset: z
      .object({
        dueDate: ChangedDate,
        followUpDate: ChangedDate,
        candidateGroups: z.array(Str).nullish(),
        candidateUsers: z.array(Str).nullish(),
        priority: Int.min(0).max(100).nullish(),
      })
      .nullish(),
    action: Str.nullish(),
  })
  .nullish();

/** The `truncateValues` query parameter of variable searches (default true). */
export function truncateValues(req: Request): boolean {
  const value = req.query.truncateValues;
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw EngineRejection.invalidArgument(`The value for truncateValues is '${show(value)}' but must be true or false.`);
}

/**
 * POST /v2/user-tasks/search, GET …/{key}, GET …/{key}/form, POST …/{key}/assignment,
 * DELETE …/{key}/assignee, PATCH …/{key}, POST …/{key}/completion, POST …/{key}/variables/search.
 */
export function userTaskRoutes(t: RouteTable, deps: RouteDeps): void {
  const { commands, knex } = deps;
  const spec = userTaskSearch(knex);
  const variableSpecs = { true: userTaskVariableSearch(true), false: userTaskVariableSearch(false) };
  const task = (key: string) => findOne(userTasksQuery(knex, deps.searchLagMs).where('ut.key', key), 'User task', key);

  t.add('post', '/user-tasks/search', async (req, res) => {
    res.json(await runSearch(userTasksQuery(knex, deps.searchLagMs), spec, req.body));
  });

  t.add('get', '/user-tasks/:userTaskKey', async (req, res) => {
    const key = keyParam(req, 'userTaskKey');
    res.json(toUserTask(await task(key)));
  });

  t.add('get', '/user-tasks/:userTaskKey/form', async (req, res) => {
    const key = keyParam(req, 'userTaskKey');
    const row = await task(key);
    if (row.form_key === null || row.form_key === undefined) {
      res.status(204).end();
      return;
    }
    const formKey = text(row.form_key);
    res.json(toForm(await findOne(knex(`${S}.forms`).where('key', formKey), 'Form', formKey)));
  });

  t.add('post', '/user-tasks/:userTaskKey/assignment', async (req, res) => {
    const key = keyParam(req, 'userTaskKey');
    const body = parseRequest(AssignUserTask, req.body ?? {});
    await commands.assignUserTask(key, { assignee: body.assignee, allowOverride: body.allowOverride ?? true });
    res.status(204).end();
  });

  t.add('delete', '/user-tasks/:userTaskKey/assignee', async (req, res) => {
    const key = keyParam(req, 'userTaskKey');
    await commands.unassignUserTask(key);
    res.status(204).end();
  });

  t.add('patch', '/user-tasks/:userTaskKey', async (req, res) => {
    const key = keyParam(req, 'userTaskKey');
    const changes = parseRequest(UpdateUserTask, req.body)?.changeset;
    await commands.updateUserTask(key, {
      dueDate: changes?.dueDate,
      followUpDate: changes?.followUpDate,
      candidateGroups: changes?.candidateGroups ?? undefined,
      candidateUsers: changes?.candidateUsers ?? undefined,
      priority: changes?.priority ?? undefined,
    });
    res.status(204).end();
  });

  t.add('post', '/user-tasks/:userTaskKey/completion', async (req, res) => {
    const key = keyParam(req, 'userTaskKey');
    const body = parseRequest(CompleteUserTask, req.body);
    await commands.completeUserTask(key, body?.variables ?? {});
    res.status(204).end();
  });

  // Every variable visible from the task's scope, one result per scope (no shadowing).
  t.add('post', '/user-tasks/:userTaskKey/variables/search', async (req, res) => {
    const key = keyParam(req, 'userTaskKey');
    const truncate = truncateValues(req);
    const row = await task(key);
    const scopes = await visibleScopes(knex, text(row.element_instance_key), text(row.process_instance_key));
    const base = variablesQuery(knex, deps.searchLagMs).whereIn('v.scope_key', scopes);
    res.json(await runSearch(base, variableSpecs[`${truncate}`], req.body));
  });
}
