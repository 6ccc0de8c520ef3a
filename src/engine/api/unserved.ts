import type { RequestHandler } from 'express';
import { HttpProblem } from './problem.js';

/**
 * The areas of Camunda 8.9's /v2 the embedded engine does not serve, so that a client calling one
 * hears which and why, not only that the path is unknown. Each is answered 404 Not Found, as a
 * cluster answers a path it does not have; the README's "/v2 subset served" lists the same areas.
 */
const UNSERVED: ReadonlyArray<{ path: RegExp; what: string }> = [
  {
    path: /^\/(users|groups|roles|tenants|mapping-rules|authorizations|setup)(\/|$)/,
    what: 'identity and authorization management (one basic-auth user guards /v2)',
  },
  { path: /^\/decision-(definitions|instances|requirements)(\/|$)/, what: 'DMN decisions' },
  { path: /^\/documents(\/|$)/, what: 'the document store' },
  { path: /^\/conditionals\//, what: 'conditional events' },
  { path: /^\/(process-instances\/([0-9]+\/)?deletion|resources\/)/, what: 'deleting history and resources' },
  { path: /^\/cluster-variables(\/|$)/, what: 'cluster variables' },
  { path: /^\/global-task-listeners(\/|$)/, what: 'global task listeners' },
  { path: /^\/(audit-logs|user-tasks\/[0-9]+\/audit-logs)(\/|$)/, what: 'audit logs (the service keeps its own use log)' },
  { path: /^\/(jobs|incidents|process-definitions)\/statistics\//, what: 'the dashboard statistics of jobs, incidents and definitions' },
  {
    path: /^\/(batch-operations\/(search|[0-9]+\/)|batch-operation-items\/|process-instances\/incident-resolution$)/,
    what: 'batch operations beyond cancelling instances and resolving one instance’s incidents',
  },
  { path: /^\/system\//, what: 'system configuration and usage metrics' },
  { path: /^\/element-instances\/ad-hoc-activities\//, what: 'ad-hoc subprocesses' },
  { path: /^\/correlated-message-subscriptions\//, what: 'the correlation history of message subscriptions' },
  { path: /^\/user-tasks\/[0-9]+\/effective-variables\//, what: 'the effective variables of a user task' },
];

/** Why the engine does not serve a /v2 path (given without /v2), when it is one of Camunda's it leaves out. */
export function unservedArea(path: string): string | undefined {
  return UNSERVED.find((area) => area.path.test(path))?.what;
}

/** Answers a request for an unserved area 404 naming it; passes on any other. */
export const answerUnserved: RequestHandler = (req, _res, next) => {
  const area = unservedArea(req.path);
  if (area === undefined) return next();
  next(
    new HttpProblem(
      404,
      'Not Found',
      `No endpoint ${req.method} ${req.originalUrl.split('?')[0]}: the embedded engine does not serve ${area}`,
    ),
  );
};
