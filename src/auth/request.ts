import type { Principal } from './principal.js';

/** How the request's principal proved who they are; cookie sessions also carry their CSRF token. */
export type Authentication = { method: 'session'; token: string; csrfToken: string };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- express's Request is extended by declaration merging
  namespace Express {
    interface Request {
      principal?: Principal;
      authentication?: Authentication;
      /** Set when the request's session cookie named a session that went unused too long and was ended. */
      endedSession?: { idleMinutes: number };
    }
  }
}
