import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Helmet's headers for every answer: the pages load only their own scripts (no inline script,
 * no eval), may not be framed by other sites, and answers are not sniffed into another type.
 * Inline styles stay allowed because bpmn-js and form-js set style attributes as they draw.
 * No upgrade-insecure-requests: the embedded default serves plain http on localhost, and TLS in
 * production ends at the proxy in front.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
