import type { ErrorRequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import { EngineRejection } from '../errors.js';

/** Writes an RFC 9457 problem document, as Camunda's gateway does. */
export function sendProblem(res: Response, status: number, title: string, detail: string, instance?: string): void {
  res.status(status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title, status, detail, instance }));
}

/** Describes zod issues naming each field, e.g. "maxJobsToActivate: Too small: expected number to be >0". */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'request body'}: ${issue.message}`)
    .join('; ');
}

/** Maps engine rejections, validation errors and malformed JSON to problem+json; anything else is a 500. */
export function problemHandler(onError?: (error: unknown) => void): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof EngineRejection) return sendProblem(res, error.status, error.title, error.detail, req.originalUrl);
    if (error instanceof ZodError) return sendProblem(res, 400, 'INVALID_ARGUMENT', describeZodError(error), req.originalUrl);
    if (error?.type === 'entity.parse.failed') {
      return sendProblem(res, 400, 'INVALID_ARGUMENT', `The request body is not valid JSON: ${error.message}`, req.originalUrl);
    }
    if (error?.type === 'entity.too.large') {
      return sendProblem(res, 413, 'PAYLOAD_TOO_LARGE', `The request body exceeds the limit of ${error.limit} bytes`, req.originalUrl);
    }
    onError?.(error);
    sendProblem(res, 500, 'INTERNAL_ERROR', 'The engine failed to process the request', req.originalUrl);
  };
}
