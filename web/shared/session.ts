import type { AppRole } from '../../src/auth/app-roles.js';
import type { Principal } from '../../src/auth/principal.js';
import { api, ApiError, useCsrfToken } from './api.js';

export type { AppRole, Principal };

/** GET /api/session's answer. */
export interface SessionInfo {
  principal: Principal;
  roleLabel: string;
  csrfToken: string;
}

/** The signed-in session, or undefined when nobody is signed in. */
export async function currentSession(): Promise<SessionInfo | undefined> {
  try {
    const session = await api<SessionInfo>('GET', '/api/session');
    useCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return undefined;
    throw error;
  }
}

export async function signIn(username: string, password: string): Promise<SessionInfo> {
  const session = await api<SessionInfo>('POST', '/api/session', { username, password });
  useCsrfToken(session.csrfToken);
  return session;
}

export async function signOut(): Promise<void> {
  await api<void>('DELETE', '/api/session');
  useCsrfToken(undefined);
}
