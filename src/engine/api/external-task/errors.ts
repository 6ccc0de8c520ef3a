import type { ErrorRequestHandler } from 'express';
import { EngineRejection } from '../../errors.js';
import { HttpProblem } from '../problem.js';

/**
 * A Camunda 7 REST error: `{ type, message }` with the exception class Camunda 7 names in `type`
 * (InvalidRequestException for what the request got wrong, RestException for what the engine
 * refused, as Camunda 7's REST layer wraps them).
 */
export class ExternalTaskError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'InvalidRequestException' | 'RestException',
    message: string,
  ) {
    super(message);
    this.name = 'ExternalTaskError';
  }

  static badRequest(message: string): ExternalTaskError {
    return new ExternalTaskError(400, 'InvalidRequestException', message);
  }

  static notFound(id: string): ExternalTaskError {
    return new ExternalTaskError(404, 'InvalidRequestException', `External task with id ${id} does not exist`);
  }

  /** Camunda 7 answers a lock held by another worker, or no longer held, with 500 (its BadUserRequestException as a RestException). */
  static lockViolation(message: string): ExternalTaskError {
    return new ExternalTaskError(500, 'RestException', message);
  }
}

interface BodyParserError {
  type?: string;
  message?: string;
}

/** Answers errors in Camunda 7's shape; anything unexpected is reported and answered 500 without internals. */
export function externalTaskErrorHandler(onError?: (error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const answer = (status: number, type: string, message: string) => res.status(status).json({ type, message });
    if (error instanceof ExternalTaskError) return answer(error.status, error.type, error.message);
    if (error instanceof EngineRejection) {
      // 409 (a job in a state that refuses the command) is what Camunda 7's engine refuses with a 500.
      const status = error.status === 409 ? 500 : error.status;
      return answer(status, status === 400 || status === 404 ? 'InvalidRequestException' : 'RestException', error.detail);
    }
    if (error instanceof HttpProblem) {
      for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
      return answer(error.status, 'InvalidRequestException', error.detail);
    }
    const parserError = (typeof error === 'object' && error !== null ? error : {}) as BodyParserError;
    if (parserError.type === 'entity.parse.failed')
      return answer(400, 'InvalidRequestException', `The request body is not valid JSON (${parserError.message ?? 'parse error'})`);
    if (parserError.type === 'entity.too.large') return answer(413, 'InvalidRequestException', 'The request body is too large');
    onError?.(error);
    answer(500, 'RestException', 'Unexpected error occurred during the request processing');
  };
}
