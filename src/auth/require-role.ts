import type { Request, RequestHandler } from 'express';
import { AccessDenied, NotSignedIn } from '../domain/refusals.js';
import { APP_ROLE_LABELS, type AppRole } from './app-roles.js';
import type { Principal } from './principal.js';
import './request.js';

/** The request's principal, or a 401 problem when nobody is signed in (saying so when the session expired). */
export function principalFrom(req: Request): Principal {
  if (!req.principal && req.endedSession) {
    throw new NotSignedIn(`The session expired after ${req.endedSession.idleMinutes} minutes without use: sign in again`);
  }
  if (!req.principal) throw new NotSignedIn('Sign in first: this endpoint needs a signed-in user');
  return req.principal;
}

/** Lets the request through when its principal has one of the roles (any role when none are named). */
export function requireRole(...roles: AppRole[]): RequestHandler {
  return (req, _res, next) => {
    const principal = principalFrom(req);
    if (roles.length > 0 && !roles.includes(principal.role)) {
      throw new AccessDenied(
        `Roolilla ${APP_ROLE_LABELS[principal.role]} ei voi tehdä tätä; tarvitaan jokin rooleista ${roles.map((r) => APP_ROLE_LABELS[r]).join(', ')}.`,
      );
    }
    next();
  };
}
