import express, { Router } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { authenticate } from '../auth/authenticate.js';
import type { SessionCookiePolicy } from '../auth/session-cookie.js';
import { loadUsers, type UserDirectory } from '../auth/users.js';
import type { CamundaClient } from '../camunda-client.js';
import { bearerAuth, type OidcOptions } from '../auth/bearer-auth.js';
import type { IdentityCipher } from '../security/identity-cipher.js';
import { oidcLoginRoutes, type OidcLoginOptions } from '../auth/oidc-login.js';
import { DEFAULT_SIGN_IN_LIMITS, type SignInRateLimitOptions } from '../http/sign-in-rate-limit.js';
import { adminRoutes } from './admin/admin-routes.js';
import { caseEventRoutes } from './cases/case-event-routes.js';
import { consentRoutes } from './cases/consent-routes.js';
import { caseRoutes } from './cases/case-routes.js';
import { caseViewRoutes } from './cases/case-view-routes.js';
import { dashboardRoutes } from './dashboard/dashboard-routes.js';
import { inboxRoutes } from './inbox/inbox-routes.js';
import { legalBasisRoutes } from './audit/legal-basis-routes.js';
import { caseIncidentRoutes } from './cases/case-incident-routes.js';
import { caseListRoutes } from './cases/case-list-routes.js';
import { intakeOptionsRoutes } from './cases/intake-options-routes.js';
import { logExtractRoutes } from './audit/log-extract-routes.js';
import { ApiProblem, problemHandler } from '../http/problem.js';
import { sessionRoutes } from './session/session-routes.js';
import { statsRoutes } from './dashboard/stats-routes.js';

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
  /** Failed sign-ins allowed per username and per address in a window; DEFAULT_SIGN_IN_LIMITS when not given. */
  signInLimit?: SignInRateLimitOptions;
  /** How long a session may go unused, and whether its cookie is Secure on plain http too; 30 minutes and only over https when not given. */
  sessions?: SessionPolicy;
  /** Who can sign in; seed/users.json when not given. */
  users?: UserDirectory;
}

/** What ends a session besides its absolute lifetime, and how its cookie travels. */
export interface SessionPolicy {
  idleMs: number;
  cookie: SessionCookiePolicy;
}

const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60_000, cookie: { alwaysSecure: false } };

/** A case intake is a few hundred bytes; anything near this limit is a mistake or an attack. */
const JSON_BODY_LIMIT = '16kb';

/** The app's HTTP API, to be mounted at /api. Every error is an RFC 9457 problem document. */
export function createApiRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use(express.json({ limit: JSON_BODY_LIMIT }));
  const users = deps.users ?? loadUsers();
  const sessions = deps.sessions ?? DEFAULT_SESSION_POLICY;
  router.use(authenticate({ knex: deps.knex, users, ...sessions }));
  if (deps.oidc) router.use(bearerAuth(deps.oidc, users));
  if (deps.oidcLogin) router.use(oidcLoginRoutes(deps.oidcLogin, { knex: deps.knex, users, cookie: sessions.cookie }));
  router.use(sessionRoutes({ knex: deps.knex, users, signInLimit: deps.signInLimit ?? DEFAULT_SIGN_IN_LIMITS, cookie: sessions.cookie }));
  router.use(inboxRoutes({ ...deps, users }));
  router.use(caseViewRoutes(deps));
  router.use(caseListRoutes(deps));
  router.use(caseRoutes(deps));
  router.use(intakeOptionsRoutes(deps));
  router.use(caseEventRoutes(deps));
  router.use(caseIncidentRoutes(deps));
  router.use(consentRoutes(deps));
  router.use(statsRoutes(deps));
  router.use(legalBasisRoutes(deps));
  router.use(logExtractRoutes({ knex: deps.knex, identityCipher: deps.identityCipher, users }));
  router.use(dashboardRoutes(deps));
  router.use(adminRoutes(deps));
  router.use((req, _res, next) => next(new ApiProblem(404, `No endpoint ${req.method} ${req.originalUrl.split('?')[0]}`)));
  router.use(problemHandler(deps.logger));
  return router;
}
