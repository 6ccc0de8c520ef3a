import express, { Router } from 'express';
import type { Knex } from 'knex';
import type { EngineCommands } from '../commands.js';
import { commandRoutes } from './command-routes.js';
import { deploymentRoute } from './deployment-route.js';
import { problemHandler, sendProblem } from './problem.js';
import { queryRoutes } from './query-routes.js';

export interface V2RouterDeps {
  commands: EngineCommands;
  knex: Knex;
  clockControl: boolean;
  onError?: (error: unknown) => void;
}

/** Camunda 8.9's Orchestration Cluster REST API, the subset the embedded engine serves, mounted at /v2. */
export function createV2Router(deps: V2RouterDeps): Router {
  const router = Router();
  router.get('/topology', (_req, res) => {
    res.json({
      brokers: [
        {
          nodeId: 0,
          host: 'embedded',
          port: 26501,
          partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }],
          version: '8.9.0',
        },
      ],
      clusterId: 'sote-tyopari-embedded',
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: '8.9.0',
      lastCompletedChangeId: '-1',
    });
  });
  router.get('/status', (_req, res) => void res.status(204).end());
  router.post('/deployments', deploymentRoute(deps.commands));
  router.use(express.json({ limit: '4mb', strict: false }));
  router.use(commandRoutes(deps.commands));
  router.use(queryRoutes(deps.knex));
  router.use((req, res) => sendProblem(res, 404, 'NOT_FOUND', `No such endpoint: ${req.method} /v2${req.path}`, req.originalUrl));
  router.use(problemHandler(deps.onError));
  return router;
}
