import { isSdkError } from '@camunda8/orchestration-cluster-api';
import { isEngineUnavailable } from '../camunda-client.js';
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  AccessDenied,
  DependencyUnavailable,
  InvalidInput,
  NotFound,
  NotSignedIn,
  OutOfSequence,
  type Refusal,
} from '../domain/refusals.js';

/** One invalid field of a request: its name, a JSON Pointer when it is in the body, and what is wrong. */
export interface FieldError {
  field: string;
  pointer?: string;
  detail: string;
}

/**
 * An RFC 9457 problem document. `type` stays `about:blank`, so `title` is the HTTP status
 * phrase; validation problems add `errors`, one entry per invalid field (the extension RFC 9457's
 * own example uses), so a client can put each message beside its field.
 */
export interface Problem {
  type: 'about:blank';
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: FieldError[];
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** A request that fails with a problem document; thrown by routes, answered by `problemHandler`. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: FieldError[],
    /** Answered as Retry-After: when asking again is worth it, in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

/** The status that answers each refusal of the rules below the HTTP layer. */
const REFUSAL_STATUS = new Map<abstract new (detail: string) => Refusal, number>([
  [OutOfSequence, 400],
  [NotSignedIn, 401],
  [AccessDenied, 403],
  [NotFound, 404],
]);

/** The refusal as a problem, or undefined when the error is no refusal. */
function refusalProblem(error: unknown): ApiProblem | undefined {
  if (error instanceof InvalidInput) {
    return invalidFields(error.fields.map(({ field, detail }) => ({ field, pointer: `#/${field.replaceAll('.', '/')}`, detail })));
  }
  if (error instanceof DependencyUnavailable) return new ApiProblem(503, error.detail, undefined, error.retryAfterSeconds);
  for (const [kind, status] of REFUSAL_STATUS) if (error instanceof kind) return new ApiProblem(status, error.detail);
  return undefined;
}

/** A 400 naming every invalid field of a zod error, found in the JSON body, the URL path or the query string. */
export function invalidRequest(error: z.ZodError, where: 'body' | 'path' | 'query' = 'body'): ApiProblem {
  return invalidFields(
    error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.map(String).join('.') : where;
      const pointer = where === 'body' ? `#${issue.path.map((p) => `/${String(p)}`).join('')}` : undefined;
      return { field, ...(pointer === undefined ? {} : { pointer }), detail: issue.message };
    }),
  );
}

/** A 400 naming the invalid fields. */
export function invalidFields(errors: FieldError[]): ApiProblem {
  return new ApiProblem(400, `Invalid request — ${errors.map((e) => `${e.field}: ${e.detail}`).join('; ')}`, errors);
}

/** What the user reads when the engine cannot be read now (a 503, with Retry-After). */
export const ENGINE_UNAVAILABLE_DETAIL = 'Prosessimoottoria ei juuri nyt tavoiteta. Yritä hetken kuluttua uudelleen.';

/**
 * A failed call to the engine: a 503 refusal (DependencyUnavailable, with Retry-After) when the
 * engine could not be read now, as a cluster's search can be away or behind for a while; else a
 * 502 saying what was being done and what the engine answered.
 */
export function engineProblem(doing: string, error: unknown): ApiProblem | DependencyUnavailable {
  // A read inside the failed one has said already.
  if (error instanceof DependencyUnavailable || error instanceof ApiProblem) return error;
  return isEngineUnavailable(error) ? new DependencyUnavailable(ENGINE_UNAVAILABLE_DETAIL) : engineFailure(doing, error);
}

/**
 * A 502 for a failed call to the engine, saying what was being done and what the engine answered:
 * for a call not worth repeating as it was (the case is recorded, and the reconciler finishes it).
 */
export function engineFailure(doing: string, error: unknown): ApiProblem {
  const answer =
    isSdkError(error) && error.name === 'HttpSdkError'
      ? `${error.status} ${error.detail ?? error.title ?? ''}`.trim()
      : (error as Error).message;
  return new ApiProblem(502, `${doing}: the engine answered ${answer}`);
}

/** Answers a problem document. */
export function sendProblem(res: Response, req: Request, problem: ApiProblem): void {
  const body: Problem = {
    type: 'about:blank',
    title: TITLES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    instance: req.originalUrl.split('?')[0],
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  if (problem.retryAfterSeconds !== undefined) res.set('Retry-After', String(problem.retryAfterSeconds));
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
}

interface BodyParserError {
  type?: string;
  limit?: number;
}

/**
 * Turns thrown problems, refusals and body-parser failures into problem documents. Anything else is logged
 * and answered as a 500 without details: error messages may quote request data, and request
 * data here can be a client's identity.
 */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof ApiProblem) return sendProblem(res, req, error);
    const refused = refusalProblem(error);
    if (refused) return sendProblem(res, req, refused);
    const parser = (typeof error === 'object' && error !== null ? error : {}) as BodyParserError;
    if (parser.type === 'entity.parse.failed') return sendProblem(res, req, new ApiProblem(400, 'The request body is not valid JSON'));
    if (parser.type === 'entity.too.large')
      return sendProblem(res, req, new ApiProblem(413, `The request body exceeds ${parser.limit} bytes`));
    if (parser.type === 'charset.unsupported' || parser.type === 'encoding.unsupported') {
      return sendProblem(res, req, new ApiProblem(415, 'The request body must be UTF-8 JSON'));
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'API request failed');
    return sendProblem(res, req, new ApiProblem(500, 'The request could not be completed'));
  };
}
