import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { APP_ROLE_LABELS } from '../../auth/app-roles.js';
import { UNUSABLE_PASSWORD_HASH, verifyPassword } from '../../auth/passwords.js';
import { principalOf } from '../../auth/principal-of.js';
import type { Principal } from '../../auth/principal.js';
import { principalFrom } from '../../auth/require-role.js';
import { clearSessionCookie, setSessionCookie, type SessionCookiePolicy } from '../../auth/session-cookie.js';
import { createSession, deleteSession } from '../../auth/session-store.js';
import type { UserDirectory } from '../../auth/users.js';
import { admitSignIn, type RefusedSignIn, type SignInRateLimitOptions } from '../../http/sign-in-rate-limit.js';
import { ApiProblem, invalidRequest } from '../../http/problem.js';

const SignIn = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(100),
  password: z.string().min(1).max(200),
});

/** What the pages need about the signed-in user, and the token their unsafe requests must echo. */
function sessionBody(principal: Principal, csrfToken: string) {
  return { principal, roleLabel: APP_ROLE_LABELS[principal.role], csrfToken };
}

/** What the sign-in routes work with: the sessions table, the users, the sign-in limits and the cookie's policy. */
export interface SessionRouteDeps {
  knex: Knex;
  users: UserDirectory;
  signInLimit: SignInRateLimitOptions;
  cookie: SessionCookiePolicy;
}

/** POST /session signs in (within the sign-in limits), GET /session says who is signed in, DELETE /session signs out. */
export function sessionRoutes(deps: SessionRouteDeps): Router {
  const router = Router();

  router.post('/session', async (req, res) => {
    const parsed = SignIn.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error);
    const attempt = await admitSignIn(deps.knex, deps.signInLimit, { account: parsed.data.username, address: req.ip ?? 'unknown' });
    if (!attempt.admitted) {
      res.set('Retry-After', String(attempt.retryAfterSeconds));
      throw new ApiProblem(429, tooManyFailures(attempt));
    }
    const user = deps.users.byUsername(parsed.data.username);
    // An unknown username costs one hash too, so the answer's timing does not tell which usernames exist.
    const valid = await verifyPassword(parsed.data.password, user?.passwordHash ?? UNUSABLE_PASSWORD_HASH);
    if (!user || !valid) throw new ApiProblem(401, 'Wrong username or password');
    await attempt.succeeded();
    if (req.authentication) await deleteSession(deps.knex, req.authentication.token);
    const { token, session } = await createSession(deps.knex, user.id);
    setSessionCookie(req, res, token, session.expiresAt, deps.cookie);
    res.status(201).json(sessionBody(principalOf(user), session.csrfToken));
  });

  router.get('/session', (req, res) => {
    res.set('Cache-Control', 'no-store').json(sessionBody(principalFrom(req), csrfOf(req)));
  });

  router.delete('/session', async (req, res) => {
    if (req.authentication) await deleteSession(deps.knex, req.authentication.token);
    clearSessionCookie(req, res, deps.cookie);
    res.status(204).end();
  });

  return router;
}

function tooManyFailures(refusal: RefusedSignIn): string {
  const minutes = Math.ceil(refusal.retryAfterSeconds / 60);
  const whose = refusal.scope === 'account' ? 'for this username' : 'from this address';
  return `Too many failed sign-ins ${whose}: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

function csrfOf(req: Request): string {
  if (!req.authentication) throw new ApiProblem(401, 'Sign in first: no session');
  return req.authentication.csrfToken;
}
