import type { RequestHandler } from 'express';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { DependencyUnavailable, NotSignedIn } from '../domain/refusals.js';
import { principalOf } from './principal-of.js';
import './request.js';
import type { UserDirectory } from './users.js';

/** Where tokens come from and what they must say: the identity provider (Keycloak, Camunda Identity …). */
export interface OidcOptions {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** The claim naming the user in seed/users.json (Keycloak: preferred_username). */
  usernameClaim: string;
}

/** Asymmetric algorithms only: a shared-secret (HS*) token could be minted by anyone who verifies. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * Single sign-on for the API: an `Authorization: Bearer` JWT signed by the identity provider,
 * checked against its JWKS, issuer, audience and lifetime, names a user of the directory, and
 * the request gets that user's Principal, the same one a local sign-in gives, so every route's
 * authorisation is the same whichever way the user came in. Roles and placements stay in the
 * directory: a token proves who the user is, not what they may do here. Requests without a
 * bearer token pass on untouched (a session cookie may sign them in).
 */
export function bearerAuth(options: OidcOptions, users: UserDirectory): RequestHandler {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl));
  return async (req, _res, next) => {
    const header = req.get('authorization');
    if (!header?.toLowerCase().startsWith('bearer ')) return next();
    const token = header.slice('bearer '.length).trim();
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, { issuer: options.issuer, audience: options.audience, algorithms: ALGORITHMS }));
    } catch (error) {
      throw tokenProblem(error);
    }
    const username = claims[options.usernameClaim];
    const user = typeof username === 'string' ? users.byUsername(username) : undefined;
    if (!user) throw new NotSignedIn(`The token's ${options.usernameClaim} names no user of this service`);
    req.principal = principalOf(user);
    next();
  };
}

function tokenProblem(error: unknown): DependencyUnavailable | NotSignedIn {
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
    return new DependencyUnavailable('The identity provider’s signing keys could not be fetched');
  }
  if (error instanceof errors.JWTExpired) return new NotSignedIn('The bearer token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) return new NotSignedIn(`The bearer token's ${error.claim} claim is not accepted`);
  return new NotSignedIn('The bearer token is not valid: not signed by the identity provider, or malformed');
}
