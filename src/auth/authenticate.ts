import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import { timingSafeEqual } from 'node:crypto';
import { AccessDenied } from '../domain/refusals.js';
import { principalOf } from './principal-of.js';
import './request.js';
import { clearSessionCookie, readSessionCookie, type SessionCookiePolicy } from './session-cookie.js';
import { findSession } from './session-store.js';
import type { UserDirectory } from './users.js';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Sets req.principal from the session cookie, when there is a live one; a request without one
 * goes on anonymous (routes decide with requireRole). A cookie-authenticated request that changes
 * something must echo the session's CSRF token in X-CSRF-Token: a cross-site form can send the
 * cookie (SameSite=Lax lets top-level navigations through) but cannot read the token.
 * A session unused for `idleMs` is ended: the request goes on anonymous, remembering why, so
 * that a route needing a user says the session expired (and a sign-in still goes through).
 */
export function authenticate(deps: { knex: Knex; users: UserDirectory; idleMs: number; cookie: SessionCookiePolicy }): RequestHandler {
  return async (req, res, next) => {
    const token = readSessionCookie(req);
    const lookup = token ? await findSession(deps.knex, token, deps.idleMs) : undefined;
    if (lookup?.state === 'idle') {
      req.endedSession = { idleMinutes: Math.round(deps.idleMs / 60_000) };
      clearSessionCookie(req, res, deps.cookie);
    }
    const session = lookup?.state === 'live' ? lookup.session : undefined;
    const user = session ? deps.users.byId(session.userId) : undefined;
    if (!token || !session || !user) return next();
    if (!SAFE_METHODS.has(req.method) && !sameToken(req.get(CSRF_HEADER), session.csrfToken)) {
      throw new AccessDenied(
        `Pyynnöstä puuttuu istunnon suojaustunniste (${req.method} tarvitsee otsakkeen X-CSRF-Token, jonka GET /api/session antaa): päivitä sivu.`,
      );
    }
    req.principal = principalOf(user);
    req.authentication = { method: 'session', token, csrfToken: session.csrfToken };
    next();
  };
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
