import type { RouteDeps, RouteTable } from '../route-table.js';

export const GATEWAY_VERSION = '8.9.0';

/** GET /v2/topology (one healthy broker leading the one partition) and GET /v2/status. */
export function clusterRoutes(t: RouteTable, deps: RouteDeps): void {
  const topology = deps.topology ?? {};
  t.add('get', '/topology', (_req, res) => {
    res.json({
      brokers: [
        {
          nodeId: 0,
          host: topology.host ?? 'localhost',
          port: topology.port ?? 26501,
          partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }],
          version: topology.version ?? GATEWAY_VERSION,
        },
      ],
      clusterId: topology.clusterId === undefined ? 'embedded' : topology.clusterId,
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: topology.version ?? GATEWAY_VERSION,
      lastCompletedChangeId: '-1',
    });
  });
  t.add('get', '/status', (_req, res) => {
    res.status(204).end();
  });
}
