import type { Knex } from 'knex';
import { ENGINE_SCHEMA as S } from '../../store/schema.js';
import type { RouteTable } from '../route-table.js';
import { isLong } from '../validation.js';
import { ExternalTaskError } from './errors.js';
import { toExternalTask, type JobRow } from './task-rows.js';

export interface QueryRouteDeps {
  knex: Knex;
  now: () => Date;
}

type Query = Record<string, string>;
type Filter = (q: Knex.QueryBuilder, value: string, now: Date) => void;

const ids = (value: string) => value.split(',').filter((id) => id !== '');
/** Ids the engine cannot hold (not decimal longs) match no task rather than fail the query. */
const keyIn = (column: string) => (q: Knex.QueryBuilder, value: string) => {
  const keys = ids(value);
  if (keys.every((key) => /^[0-9]+$/.test(key) && isLong(key))) q.whereIn(column, keys);
  else q.whereRaw('false');
};
const whenTrue = (apply: (q: Knex.QueryBuilder, now: Date) => void): Filter => {
  return (q, value, now) => {
    if (value === 'true') apply(q, now);
  };
};

/** The query parameters of GET /external-task and /external-task/count that the embedded engine answers. */
const FILTERS: Readonly<Record<string, Filter>> = {
  externalTaskId: keyIn('key'),
  externalTaskIdIn: keyIn('key'),
  topicName: (q, v) => q.where('type', v),
  workerId: (q, v) => q.where('worker', v).whereNotNull('deadline'),
  locked: whenTrue((q, now) => q.where('deadline', '>', now)),
  notLocked: whenTrue((q, now) => q.where((w) => w.whereNull('deadline').orWhere('deadline', '<=', now))),
  withRetriesLeft: whenTrue((q) => q.where('retries', '>', 0)),
  noRetriesLeft: whenTrue((q) => q.where('retries', '<=', 0)),
  activityId: (q, v) => q.where('element_id', v),
  activityIdIn: (q, v) => q.whereIn('element_id', ids(v)),
  executionId: keyIn('element_instance_key'),
  processInstanceId: keyIn('process_instance_key'),
  processInstanceIdIn: keyIn('process_instance_key'),
  processDefinitionId: keyIn('definition_key'),
};

const SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'key',
  lockExpirationTime: 'deadline',
  processInstanceId: 'process_instance_key',
  processDefinitionId: 'definition_key',
  processDefinitionKey: 'bpmn_process_id',
  createTime: 'created_at',
};

const PAGING = ['firstResult', 'maxResults'];
const SORTING = ['sortBy', 'sortOrder'];
const BOOLEAN_FILTERS = ['locked', 'notLocked', 'withRetriesLeft', 'noRetriesLeft'];

function queryOf(raw: Record<string, unknown>, allowed: string[]): Query {
  const query: Query = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!(name in FILTERS) && !allowed.includes(name))
      throw ExternalTaskError.badRequest(`Query parameter '${name}' is not supported by the embedded engine`);
    if (typeof value !== 'string') throw ExternalTaskError.badRequest(`Query parameter '${name}' must be given once`);
    if (BOOLEAN_FILTERS.includes(name) && value !== 'true' && value !== 'false')
      throw ExternalTaskError.badRequest(`Cannot set query parameter '${name}' to value '${value}': expected true or false`);
    query[name] = value;
  }
  return query;
}

/** The open jobs (external tasks) the query's filters select. */
function tasks(knex: Knex, query: Query, now: Date): Knex.QueryBuilder {
  const q = knex(`${S}.jobs`).whereNull('ended_at');
  for (const [name, value] of Object.entries(query)) FILTERS[name]?.(q, value, now);
  return q;
}

function page(query: Query, name: string): number | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value)) throw ExternalTaskError.badRequest(`Cannot set query parameter '${name}' to value '${value}'`);
  return Number(value);
}

/** GET /external-task (filters, sorting, paging) and GET /external-task/count. */
export function queryRoutes(t: RouteTable, deps: QueryRouteDeps): void {
  t.add('get', '/external-task', async (req, res) => {
    const query = queryOf(req.query, [...PAGING, ...SORTING]);
    const { sortBy, sortOrder } = query;
    if ((sortBy === undefined) !== (sortOrder === undefined))
      throw ExternalTaskError.badRequest('Only a single sorting parameter specified. sortBy and sortOrder required');
    if (sortBy !== undefined && !(sortBy in SORT_COLUMNS))
      throw ExternalTaskError.badRequest(`Cannot set query parameter 'sortBy' to value '${sortBy}'`);
    if (sortOrder !== undefined && sortOrder !== 'asc' && sortOrder !== 'desc')
      throw ExternalTaskError.badRequest(`Cannot set query parameter 'sortOrder' to value '${sortOrder}'`);
    const q = tasks(deps.knex, query, deps.now());
    if (sortBy) q.orderBy(SORT_COLUMNS[sortBy], sortOrder as 'asc' | 'desc');
    q.orderBy('key', 'asc');
    const first = page(query, 'firstResult');
    const max = page(query, 'maxResults');
    if (first !== undefined) q.offset(first);
    if (max !== undefined) q.limit(max);
    res.json(((await q) as JobRow[]).map(toExternalTask));
  });

  t.add('get', '/external-task/count', async (req, res) => {
    const query = queryOf(req.query, []);
    const [{ count }] = (await tasks(deps.knex, query, deps.now()).count({ count: '*' })) as Array<{ count: string | number }>;
    res.json({ count: Number(count) });
  });
}
