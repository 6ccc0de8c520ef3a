import type { ErrorRequestHandler, Request, Response } from 'express';
import { ZodError } from 'zod';
import { EngineRejection } from '../errors.js';

/** An RFC 9457 problem document, as Camunda's gateway answers errors. */
export interface Problem {
  type: 'about:blank';
  title: string;
  status: number;
  detail: string;
  instance: string;
}

/**
 * An HTTP-level failure of the API layer itself (malformed body, unknown route, size limits), as
 * opposed to an `EngineRejection` of a command. Titles follow Spring's reason phrases, which is
 * what Camunda's gateway answers for these.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/** The request path as the client addressed it (without the query string). */
function instanceOf(req: Request): string {
  return req.originalUrl.split('?')[0] ?? req.originalUrl;
}

export function sendProblem(res: Response, req: Request, status: number, title: string, detail: string): void {
  const problem: Problem = { type: 'about:blank', title, status, detail, instance: instanceOf(req) };
  res.status(status).type('application/problem+json').send(JSON.stringify(problem));
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  message?: string;
}

/** An `EngineRejection`, also when it comes from another instance of the module (as a bundler or loader may make). */
function isRejection(error: unknown): error is EngineRejection {
  if (error instanceof EngineRejection) return true;
  const e = error as Partial<EngineRejection> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    e.name === 'EngineRejection' &&
    typeof e.status === 'number' &&
    typeof e.title === 'string' &&
    typeof e.detail === 'string'
  );
}

/**
 * Maps engine rejections, validation errors, body-parser errors and HTTP problems to problem+json;
 * anything else is reported and answered as a 500 without internals.
 */
export function problemHandler(onError?: (error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (isRejection(error)) return sendProblem(res, req, error.status, error.title, error.detail);
    if (error instanceof HttpProblem) {
      for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
      return sendProblem(res, req, error.status, error.title, error.detail);
    }
    if (error instanceof ZodError) {
      const detail = error.issues.map((i) => `${i.path.join('.') || 'request body'}: ${i.message}`).join('. ');
      return sendProblem(res, req, 400, 'INVALID_ARGUMENT', detail);
    }
    const parserError = (typeof error === 'object' && error !== null ? error : {}) as BodyParserError;
    switch (parserError.type) {
      case 'entity.parse.failed':
        return sendProblem(
          res,
          req,
          400,
          'Bad Request',
          `Failed to read request: the body is not valid JSON (${parserError.message ?? 'parse error'})`,
        );
      case 'entity.too.large':
        return sendProblem(res, req, 413, 'Payload Too Large', `The request body exceeds the limit of ${parserError.limit} bytes`);
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return sendProblem(res, req, 415, 'Unsupported Media Type', parserError.message ?? 'Unsupported request encoding');
      case 'request.aborted':
        return sendProblem(res, req, 400, 'Bad Request', 'The request was aborted by the client');
      default:
        break;
    }
    onError?.(error);
    sendProblem(res, req, 500, 'INTERNAL_ERROR', 'Unexpected error occurred during the request processing');
  };
}
