import { Router, type RequestHandler } from 'express';
import type { Knex } from 'knex';
import type { EngineCommands } from '../../commands.js';
import { parseRequest } from '../validation.js';
import { RouteTable } from '../route-table.js';
import { ExternalTaskError, externalTaskErrorHandler } from './errors.js';
import { fetchAndLock, FetchAndLock } from './fetch-and-lock.js';
import { queryRoutes } from './query-routes.js';
import { taskRoutes } from './task-routes.js';

export interface ExternalTaskRouterDeps {
  commands: EngineCommands;
  knex: Knex;
  /** The engine clock, which lock expiry times are on. */
  now: () => Date;
  /** Receives unexpected errors (answered as 500 without details). */
  onError?: (error: unknown) => void;
}

/**
 * camunda-external-task-client-js parses an answer only when its Content-Type is exactly
 * `application/json`, as Camunda 7 sends it; express would add `; charset=utf-8`. Every answer
 * here is JSON (or empty), so sending is narrowed to that, whoever calls res.json (the use log
 * wraps it in front of this router).
 */
const plainJsonContentType: RequestHandler = (_req, res, next) => {
  res.send = (body?: unknown) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(body);
    return res;
  };
  next();
};

/**
 * The subset of Camunda 7's External Task REST API the embedded engine serves, for the
 * composition to mount at /engine-rest (camunda-external-task-client-js's default base path):
 * external tasks are the engine's jobs, topics their types. Errors are Camunda 7's
 * `{ type, message }`.
 */
export function createExternalTaskRouter(deps: ExternalTaskRouterDeps): Router {
  const router = Router({ caseSensitive: true, strict: false });
  router.use(plainJsonContentType);
  const table = new RouteTable(router);

  table.add('post', '/external-task/fetchAndLock', async (req, res) => {
    const body = parseRequest(FetchAndLock, req.body ?? {});
    // Ends the long poll when the client goes away before the answer is written.
    const disconnect = new AbortController();
    const onClose = () => {
      if (!res.writableEnded) disconnect.abort();
    };
    res.on('close', onClose);
    try {
      const tasks = await fetchAndLock(deps, body, disconnect.signal);
      if (disconnect.signal.aborted) return;
      res.json(tasks);
    } finally {
      res.off('close', onClose);
    }
  });
  taskRoutes(table, deps);
  queryRoutes(table, deps);
  table.finish();

  router.use((req, _res, next) => {
    next(new ExternalTaskError(404, 'InvalidRequestException', `No endpoint ${req.method} ${req.originalUrl.split('?')[0]}`));
  });
  router.use(externalTaskErrorHandler(deps.onError));
  return router;
}
