import type { Config } from '../config.js';
import type { OidcOptions } from '../auth/bearer-auth.js';
import type { OidcLoginOptions } from '../auth/oidc-login.js';

/** The OIDC settings when single sign-on is configured: all three of issuer, audience and JWKS, or none. */
export function oidcOptionsOf(config: Config): OidcOptions | undefined {
  const { OIDC_ISSUER: issuer, OIDC_AUDIENCE: audience, OIDC_JWKS_URL: jwksUrl } = config;
  if (!issuer && !audience && !jwksUrl) return undefined;
  if (!issuer || !audience || !jwksUrl) {
    const missing = Object.entries({ OIDC_ISSUER: issuer, OIDC_AUDIENCE: audience, OIDC_JWKS_URL: jwksUrl }).filter(([, v]) => !v);
    throw new Error(`Invalid configuration — ${missing.map(([k]) => k).join(', ')}: required when any OIDC_* variable is set`);
  }
  return { issuer, audience, jwksUrl, usernameClaim: config.OIDC_USERNAME_CLAIM };
}

/** The pages' OIDC login when configured: OIDC_ISSUER with OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI, or none of the three. */
export function oidcLoginOf(config: Config): OidcLoginOptions | undefined {
  const { OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, OIDC_REDIRECT_URI: redirectUri, OIDC_ISSUER: issuer } = config;
  if (!clientId && !clientSecret && !redirectUri) return undefined;
  const missing = Object.entries({
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: clientId,
    OIDC_CLIENT_SECRET: clientSecret,
    OIDC_REDIRECT_URI: redirectUri,
  }).filter(([, v]) => !v);
  if (missing.length > 0) throw new Error(`Invalid configuration — ${missing.map(([k]) => k).join(', ')}: required for the OIDC login`);
  return {
    issuer: issuer!,
    clientId: clientId!,
    clientSecret: clientSecret!,
    redirectUri: redirectUri!,
    usernameClaim: config.OIDC_USERNAME_CLAIM,
  };
}
