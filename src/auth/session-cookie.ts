import type { CookieOptions, Request, Response } from 'express';

export const SESSION_COOKIE = 'sote_session';

/** The session token from the Cookie header, without a cookie parser for one value. */
export function readSessionCookie(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) return decodeCookieValue(part.slice(at + 1).trim());
  }
  return undefined;
}

/** A value that is not valid percent-encoding is no token: the request goes on anonymous. */
function decodeCookieValue(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Whether cookies are Secure on every answer or only on those that came over https. */
export interface SessionCookiePolicy {
  /**
   * True unless the service listens on loopback only: on any other HOST a TLS-terminating proxy
   * may stand in front without saying so (or without being trusted), and a session token must
   * never travel over plain http. On loopback, development and tests use http.
   */
  alwaysSecure: boolean;
}

/**
 * httpOnly so page scripts cannot read it; SameSite=Lax so other sites cannot send it with
 * their forms; Secure by the policy, and whenever the request came over https (req.secure
 * honours express's `trust proxy` behind a TLS-terminating proxy).
 */
export function cookieOptions(req: Request, policy: SessionCookiePolicy, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: policy.alwaysSecure || req.secure, path: '/', ...(expires ? { expires } : {}) };
}

/** Sets the session cookie, replacing an earlier Set-Cookie of it in this answer (the clearing of an ended session). */
export function setSessionCookie(req: Request, res: Response, token: string, expires: Date, policy: SessionCookiePolicy): void {
  const earlier = res.getHeader('Set-Cookie');
  if (earlier !== undefined) {
    res.setHeader(
      'Set-Cookie',
      [earlier]
        .flat()
        .map(String)
        .filter((cookie) => !cookie.startsWith(`${SESSION_COOKIE}=`)),
    );
  }
  res.cookie(SESSION_COOKIE, token, cookieOptions(req, policy, expires));
}

export function clearSessionCookie(req: Request, res: Response, policy: SessionCookiePolicy): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(req, policy));
}
