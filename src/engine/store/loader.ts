import type pg from 'pg';
import { InstanceTree } from '../runtime/tree.js';
import {
  elementInstanceFromRow,
  incidentFromRow,
  jobFromRow,
  processInstanceFromRow,
  signalSubscriptionFromRow,
  subscriptionFromRow,
  timerFromRow,
  userTaskFromRow,
  variableFromRow,
} from './rows.js';
import { ENGINE_SCHEMA } from './schema.js';

const S = ENGINE_SCHEMA;

/**
 * Reads the live part of one instance tree back from PostgreSQL: active instances and elements,
 * their variables, open jobs, tasks, incidents, timers and subscriptions. Nothing else is kept in
 * memory between commands, so a restart loads each tree only when an event needs it.
 */
export async function loadTree(pool: pg.Pool, rootKey: string): Promise<InstanceTree | undefined> {
  const q = (sql: string) => pool.query(sql, [rootKey]).then((r) => r.rows);
  const [pis, elements, variables, jobs, tasks, incidents, timers, subscriptions, signalSubscriptions] = await Promise.all([
    q(`SELECT * FROM ${S}.process_instances WHERE root_key = $1 AND state = 'ACTIVE'`),
    q(`SELECT * FROM ${S}.element_instances WHERE root_key = $1 AND state = 'ACTIVE' ORDER BY key`),
    q(
      `SELECT v.* FROM ${S}.variables v JOIN ${S}.element_instances e ON e.key = v.scope_key AND e.state = 'ACTIVE' WHERE v.root_key = $1 AND e.root_key = $1`,
    ),
    q(`SELECT * FROM ${S}.jobs WHERE root_key = $1 AND ended_at IS NULL`),
    q(`SELECT * FROM ${S}.user_tasks WHERE root_key = $1 AND state = 'CREATED'`),
    q(`SELECT * FROM ${S}.incidents WHERE root_key = $1 AND state = 'ACTIVE'`),
    q(`SELECT * FROM ${S}.timers WHERE root_key = $1 AND state = 'ACTIVE'`),
    q(`SELECT * FROM ${S}.message_subscriptions WHERE root_key = $1 AND state = 'CREATED' ORDER BY key`),
    q(`SELECT * FROM ${S}.signal_subscriptions WHERE root_key = $1 AND state = 'CREATED' ORDER BY key`),
  ]);
  if (pis.length === 0) return undefined;
  const tree = new InstanceTree(rootKey);
  for (const r of pis) tree.processInstances.set(String(r.key), processInstanceFromRow(r));
  for (const r of elements) {
    const e = elementInstanceFromRow(r);
    tree.elements.set(e.key, e);
    if (e.flowScopeKey) {
      let set = tree.children.get(e.flowScopeKey);
      if (!set) tree.children.set(e.flowScopeKey, (set = new Set()));
      set.add(e.key);
    }
  }
  for (const r of variables) {
    const v = variableFromRow(r);
    let scope = tree.variables.get(v.scopeKey);
    if (!scope) tree.variables.set(v.scopeKey, (scope = new Map()));
    scope.set(v.name, v);
  }
  for (const r of jobs) tree.jobs.set(String(r.key), jobFromRow(r));
  for (const r of tasks) tree.userTasks.set(String(r.key), userTaskFromRow(r));
  for (const r of incidents) tree.incidents.set(String(r.key), incidentFromRow(r));
  for (const r of timers) tree.timers.set(String(r.key), timerFromRow(r));
  for (const r of subscriptions) tree.subscriptions.set(String(r.key), subscriptionFromRow(r));
  for (const r of signalSubscriptions) tree.subscriptions.set(String(r.key), signalSubscriptionFromRow(r));
  return tree;
}
