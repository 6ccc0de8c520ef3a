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

/**
 * httpOnly so page scripts cannot read it; SameSite=Lax so other sites cannot send it with
 * their forms; Secure when the request came over https (req.secure honours express's
 * `trust proxy` behind a TLS-terminating proxy).
 */
function options(req: Request, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', ...(expires ? { expires } : {}) };
}

export function setSessionCookie(req: Request, res: Response, token: string, expires: Date): void {
  res.cookie(SESSION_COOKIE, token, options(req, expires));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, options(req));
}
