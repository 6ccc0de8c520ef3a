import type { RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { EngineCredentials } from '../security/engine-credentials.js';
import { sendEngineProblem } from './engine-problem.js';

/**
 * Basic authentication on the embedded engine's /v2, as a Camunda cluster with the basic auth
 * strategy asks for (clients set CAMUNDA_AUTH_STRATEGY=BASIC and the same username and
 * password). A missing or wrong Authorization header is a 401 problem document with the
 * challenge; digests are compared in constant time, so the answer's timing tells nothing.
 */
export function engineBasicAuth(credentials: EngineCredentials): RequestHandler {
  const expected = digest(`${credentials.username}:${credentials.password}`);
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const [scheme, encoded] = header.split(' ', 2);
    const given = scheme?.toLowerCase() === 'basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8') : undefined;
    if (given !== undefined && timingSafeEqual(digest(given), expected)) return next();
    res.set('WWW-Authenticate', 'Basic realm="camunda", charset="UTF-8"');
    sendEngineProblem(
      req,
      res,
      401,
      'Unauthorized',
      given === undefined
        ? 'The engine API needs basic authentication (CAMUNDA_AUTH_STRATEGY=BASIC)'
        : 'Wrong engine API username or password',
    );
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
