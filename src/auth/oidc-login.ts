import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import * as oidc from 'openid-client';
import { DependencyUnavailable, NotSignedIn, OutOfSequence } from '../domain/refusals.js';
import { cookieOptions, setSessionCookie, type SessionCookiePolicy } from './session-cookie.js';
import { createSession } from './session-store.js';
import type { UserDirectory } from './users.js';

/** The pages' single sign-on: this app as an OIDC client (authorization code flow with PKCE). */
export interface OidcLoginOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** This app's callback as registered at the provider: https://…/api/auth/oidc/callback */
  redirectUri: string;
  usernameClaim: string;
}

/** Holds the flow's state, nonce and PKCE verifier between the redirect out and the callback. */
const FLOW_COOKIE = 'sote_oidc';
const FLOW_LIFETIME_MS = 10 * 60_000;

/**
 * GET /auth/oidc/login sends the browser to the identity provider; GET /auth/oidc/callback takes
 * the code back, redeems it (PKCE, state and nonce checked, the ID token verified by
 * openid-client), finds the user the ID token names in the directory, and signs them in with
 * the same session as a local sign-in, then back to the pages. The provider's metadata is
 * discovered at the first login, and again after a failed discovery. Plain http is allowed only
 * when the issuer itself is http (a provider on localhost in development and tests).
 */
export function oidcLoginRoutes(
  options: OidcLoginOptions,
  deps: { knex: Knex; users: UserDirectory; cookie: SessionCookiePolicy },
): Router {
  const router = Router();
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= oidc
      .discovery(new URL(options.issuer), options.clientId, options.clientSecret, undefined, {
        execute: options.issuer.startsWith('http://') ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw new DependencyUnavailable(`The identity provider could not be reached: ${(error as Error).message}`);
      });
    return discovered;
  };

  router.get('/auth/oidc/login', async (req, res) => {
    const config = await configuration();
    const flow = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
    res.cookie(FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
      ...cookieOptions(req, deps.cookie),
      path: '/api/auth/oidc',
      maxAge: FLOW_LIFETIME_MS,
    });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: options.redirectUri,
      scope: 'openid profile',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
    res.redirect(303, url.href);
  });

  router.get('/auth/oidc/callback', async (req, res) => {
    const config = await configuration();
    const flow = readFlow(req);
    const callback = new URL(options.redirectUri);
    callback.search = new URL(req.originalUrl, 'http://callback').search;
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      throw new NotSignedIn(`Single sign-on failed: ${(error as Error).message}`);
    }
    const username = claims?.[options.usernameClaim];
    const user = typeof username === 'string' ? deps.users.byUsername(username) : undefined;
    if (!user) throw new NotSignedIn(`The identity provider's ${options.usernameClaim} names no user of this service`);
    const { token, session } = await createSession(deps.knex, user.id);
    res.clearCookie(FLOW_COOKIE, { path: '/api/auth/oidc' });
    setSessionCookie(req, res, token, session.expiresAt, deps.cookie);
    res.redirect(303, '/');
  });

  return router;
}

function readFlow(req: Request): { state: string; nonce: string; verifier: string } {
  const raw = (req.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${FLOW_COOKIE}=`));
  try {
    const flow = JSON.parse(Buffer.from(raw!.slice(FLOW_COOKIE.length + 1), 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof flow.state === 'string' && typeof flow.nonce === 'string' && typeof flow.verifier === 'string') {
      return { state: flow.state, nonce: flow.nonce, verifier: flow.verifier };
    }
  } catch {
    // answered below
  }
  throw new OutOfSequence('No single sign-on in progress in this browser: start again from /api/auth/oidc/login');
}
