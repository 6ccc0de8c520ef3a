import { Router } from 'express';
import type { Knex } from 'knex';
import type { EngineCommands } from '../commands.js';
import { camunda86Answers } from './camunda-86-answers.js';
import { HttpProblem, problemHandler } from './problem.js';
import { RouteTable, type TopologyInfo } from './route-table.js';
import { authenticationRoutes } from './routes/authentication.js';
import { batchOperationRoutes } from './routes/batch-operations.js';
import { clockRoutes } from './routes/clock.js';
import { clusterRoutes } from './routes/cluster.js';
import { deploymentRoutes } from './routes/deployments.js';
import { elementInstanceRoutes } from './routes/element-instances.js';
import { elementStatisticsRoutes } from './routes/element-statistics.js';
import { expressionRoutes } from './routes/expressions.js';
import { incidentRoutes } from './routes/incidents.js';
import { instancePathRoutes } from './routes/instance-paths.js';
import { jobRoutes } from './routes/jobs.js';
import { licenseRoutes } from './routes/license.js';
import { messageSubscriptionRoutes } from './routes/message-subscriptions.js';
import { messageRoutes } from './routes/messages.js';
import { processDefinitionRoutes } from './routes/process-definitions.js';
import { processInstanceChangeRoutes } from './routes/process-instance-changes.js';
import { processInstanceRoutes } from './routes/process-instances.js';
import { relatedIncidentRoutes } from './routes/related-incidents.js';
import { signalRoutes } from './routes/signals.js';
import { userTaskRoutes } from './routes/user-tasks.js';
import { variableRoutes } from './routes/variables.js';
import { answerUnserved } from './unserved.js';

export type { TopologyInfo } from './route-table.js';

export type RestDialect = '8.9' | '8.6';

export interface V2RouterDeps {
  commands: EngineCommands;
  knex: Knex;
  /** When false, PUT /clock and POST /clock/reset answer 403 FORBIDDEN. */
  clockControl: boolean;
  /** Which version's REST API to answer as: 8.9, or 8.6 (keys as numbers, jobs without their listener). */
  restDialect?: RestDialect;
  /** How long a new row stays out of search and gets, as behind a cluster's exporter. */
  searchLagMs?: number;
  /** What GET /topology reports about the (single) broker. */
  topology?: TopologyInfo;
  /** The user /v2's basic auth lets in (none when it runs without credentials). */
  principal?: string;
  /** Receives unexpected errors (answered as 500 without details). */
  onError?: (error: unknown) => void;
}

/**
 * The subset of Camunda 8.9's Orchestration Cluster REST API the embedded engine serves, for the
 * composition to mount at /v2. Commands go to `EngineCommands`; searches and gets read the engine's
 * tables. Every error is an RFC 9457 problem+json document.
 */
export function createV2Router(deps: V2RouterDeps): Router {
  const router = Router({ caseSensitive: true, strict: false });
  if (deps.restDialect === '8.6') router.use(camunda86Answers());
  const table = new RouteTable(router);
  const routeDeps = {
    commands: deps.commands,
    knex: deps.knex,
    clockControl: deps.clockControl,
    searchLagMs: deps.searchLagMs ?? 0,
    topology: deps.topology,
    principal: deps.principal,
  };

  clusterRoutes(table, routeDeps);
  deploymentRoutes(table, routeDeps);
  processDefinitionRoutes(table, routeDeps);
  processInstanceRoutes(table, routeDeps);
  processInstanceChangeRoutes(table, routeDeps);
  elementInstanceRoutes(table, routeDeps);
  variableRoutes(table, routeDeps);
  jobRoutes(table, routeDeps);
  userTaskRoutes(table, routeDeps);
  messageRoutes(table, routeDeps);
  signalRoutes(table, routeDeps);
  incidentRoutes(table, routeDeps);
  clockRoutes(table, routeDeps);
  expressionRoutes(table, routeDeps);
  relatedIncidentRoutes(table, routeDeps);
  batchOperationRoutes(table, routeDeps);
  instancePathRoutes(table, routeDeps);
  elementStatisticsRoutes(table, routeDeps);
  messageSubscriptionRoutes(table, routeDeps);
  licenseRoutes(table, routeDeps);
  authenticationRoutes(table, routeDeps);
  // Before the 405 answers: POST /process-instances/deletion is Camunda's, not another method of GET /process-instances/{key}.
  router.use(answerUnserved);
  table.finish();

  router.use((req, _res, next) => {
    next(new HttpProblem(404, 'Not Found', `No endpoint ${req.method} ${req.originalUrl.split('?')[0]}`));
  });
  router.use(problemHandler(deps.onError));
  return router;
}
