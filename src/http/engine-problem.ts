import type { Request, Response } from 'express';

/**
 * Answers a request to the embedded engine's /v2 with an RFC 9457 problem document, in the shape
 * the engine's own errors have, for the guards the app mounts in front of the engine's router.
 */
export function sendEngineProblem(req: Request, res: Response, status: number, title: string, detail: string): void {
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'about:blank', title, status, detail, instance: req.originalUrl.split('?')[0] }));
}
