import express, { type RequestHandler, type Router } from 'express';
import type { Knex } from 'knex';
import type { EngineCommands } from '../commands.js';
import { nestingDepthOf } from '../runtime/variable-names.js';
import { HttpProblem } from './problem.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface TopologyInfo {
  host?: string;
  port?: number;
  clusterId?: string | null;
  version?: string;
}

export interface RouteDeps {
  commands: EngineCommands;
  knex: Knex;
  clockControl: boolean;
  /** How long a new row stays out of search, as behind a cluster's exporter (ENGINE_SEARCH_LAG_MS). */
  searchLagMs: number;
  topology?: TopologyInfo;
  /** The user /v2's basic auth lets in, when it asks for one: GET /authentication/me and batch operations name them. */
  principal?: string;
}

export const JSON_LIMIT = '4mb';
const JSON_TYPES = ['application/json', 'application/*+json'];

const parseJson = express.json({ limit: JSON_LIMIT, type: JSON_TYPES });

/** Jackson's default nesting limit, which a Camunda cluster answers 400 beyond; deeper documents would exhaust the stack further in. */
export const JSON_MAX_DEPTH = 1000;

function hasBody(req: express.Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** JSON bodies only: a body of another media type is answered 415, as Spring does. */
const jsonBody: RequestHandler = (req, res, next) => {
  if (hasBody(req) && !req.is(JSON_TYPES)) {
    return next(
      new HttpProblem(
        415,
        'Unsupported Media Type',
        `Content-Type '${req.headers['content-type'] ?? ''}' is not supported: send application/json`,
      ),
    );
  }
  parseJson(req, res, (error?: unknown) => {
    if (error) return next(error);
    const depth = nestingDepthOf(req.body);
    if (depth > JSON_MAX_DEPTH)
      return next(
        new HttpProblem(400, 'Bad Request', `The request body nests ${depth} levels deep; at most ${JSON_MAX_DEPTH} are accepted`),
      );
    next();
  });
};

/**
 * Registers routes on a router and remembers which methods each path has, so that other methods
 * on a known path are answered 405 with an `Allow` header instead of 404.
 */
export class RouteTable {
  private readonly methods = new Map<string, Set<string>>();

  constructor(readonly router: Router) {}

  /** A route whose request body (if any) is JSON. */
  add(method: Method, path: string, handler: RequestHandler): void {
    this.raw(method, path, method === 'get' || method === 'delete' ? handler : [jsonBody, handler]);
  }

  /** A route that reads its own request body (multipart). */
  raw(method: Method, path: string, handlers: RequestHandler | RequestHandler[]): void {
    this.router[method](path, ...(Array.isArray(handlers) ? handlers : [handlers]));
    const set = this.methods.get(path) ?? new Set<string>();
    set.add(method.toUpperCase());
    this.methods.set(path, set);
  }

  /** Adds the 405 answers; call after every route is registered. */
  finish(): void {
    for (const [path, methods] of this.methods) {
      const allow = [...methods].join(', ');
      this.router.all(path, (req, _res, next) => {
        next(
          new HttpProblem(
            405,
            'Method Not Allowed',
            `Request method '${req.method}' is not supported for this endpoint; allowed: ${allow}`,
            { Allow: allow },
          ),
        );
      });
    }
  }
}
