import express, { Router } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { authenticate } from '../auth/authenticate.js';
import { loadUsers, type UserDirectory } from '../auth/users.js';
import type { CamundaClient } from '../jobs/runtime.js';
import { bearerAuth, type OidcOptions } from '../security/bearer-auth.js';
import type { IdentityCipher } from '../security/identity-cipher.js';
import { oidcLoginRoutes, type OidcLoginOptions } from '../security/oidc-login.js';
import { signInRateLimit, type SignInRateLimitOptions } from '../security/sign-in-rate-limit.js';
import { adminRoutes } from './admin-routes.js';
import { caseRoutes } from './case-routes.js';
import { caseViewRoutes } from './case-view-routes.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { inboxRoutes } from './inbox-routes.js';
import { legalBasisRoutes } from './legal-basis-routes.js';
import { logExtractRoutes } from './log-extract-routes.js';
import { HttpProblem, problemHandler } from './problem.js';
import { sessionRoutes } from './session-routes.js';
import { statsRoutes } from './stats-routes.js';

/** What the app's API works on: the read model, and the engine through the official client. */
export interface ApiDeps {
  knex: Knex;
  camunda: CamundaClient;
  logger: Logger;
  /** Seals and opens client identities (case_identities). */
  identityCipher: IdentityCipher;
  /** Single sign-on with bearer tokens, when configured. */
  oidc?: OidcOptions;
  /** The pages' OIDC login, when configured. */
  oidcLogin?: OidcLoginOptions;
  /** Failed sign-ins allowed per address and window; 10 per 15 minutes when not given. */
  signInLimit?: SignInRateLimitOptions;
  /** Who can sign in; seed/users.json when not given. */
  users?: UserDirectory;
}

/** A case intake is a few hundred bytes; anything near this limit is a mistake or an attack. */
const JSON_BODY_LIMIT = '16kb';

/** The app's HTTP API, to be mounted at /api. Every error is an RFC 9457 problem document. */
export function createApiRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use(express.json({ limit: JSON_BODY_LIMIT }));
  const users = deps.users ?? loadUsers();
  router.use(authenticate({ knex: deps.knex, users }));
  if (deps.oidc) router.use(bearerAuth(deps.oidc, users));
  if (deps.oidcLogin) router.use(oidcLoginRoutes(deps.oidcLogin, { knex: deps.knex, users }));
  router.post('/session', signInRateLimit(deps.signInLimit ?? { maxFailures: 10, windowMs: 15 * 60_000 }));
  router.use(sessionRoutes({ knex: deps.knex, users }));
  router.use(inboxRoutes({ ...deps, users }));
  router.use(caseViewRoutes(deps));
  router.use(caseRoutes(deps));
  router.use(statsRoutes(deps));
  router.use(legalBasisRoutes(deps));
  router.use(logExtractRoutes({ knex: deps.knex, identityCipher: deps.identityCipher, users }));
  router.use(dashboardRoutes(deps));
  router.use(adminRoutes(deps));
  router.use((req, _res, next) => next(new HttpProblem(404, `No endpoint ${req.method} ${req.originalUrl.split('?')[0]}`)));
  router.use(problemHandler(deps.logger));
  return router;
}
