import { keyParam } from '../keys.js';
import { findOne } from '../queries/convert.js';
import { callHierarchy, takenSequenceFlows } from '../queries/instance-paths.js';
import { processInstancesQuery } from '../queries/process-instances.js';
import type { RouteDeps, RouteTable } from '../route-table.js';

/** GET /v2/process-instances/{key}/call-hierarchy and GET …/{key}/sequence-flows. */
export function instancePathRoutes(t: RouteTable, deps: RouteDeps): void {
  const { knex, searchLagMs } = deps;
  const instance = (key: string) => findOne(processInstancesQuery(knex, searchLagMs).where('pi.key', key), 'Process instance', key);

  t.add('get', '/process-instances/:processInstanceKey/call-hierarchy', async (req, res) => {
    const key = keyParam(req, 'processInstanceKey');
    await instance(key);
    res.json(await callHierarchy(knex, key, searchLagMs));
  });

  t.add('get', '/process-instances/:processInstanceKey/sequence-flows', async (req, res) => {
    const key = keyParam(req, 'processInstanceKey');
    await instance(key);
    res.json({ items: await takenSequenceFlows(knex, key) });
  });
}
