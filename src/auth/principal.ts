import type { AppRole } from './app-roles.js';

/**
 * Who is making a request, however they proved it (a session cookie today, a bearer token
 * later). Made only by `principalOf` (principal-of.ts); this file stays free of server code so
 * the web pages can share the type.
 */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  role: AppRole;
  teamId?: string;
  regionId?: string;
  professionalId?: string;
  candidateGroups: string[];
}

/**
 * The name a task is assigned to when this user claims it. Caseworkers are the diagrams'
 * candidate users by professional id, so their tasks carry that id; others their username.
 */
export function assigneeOf(principal: Principal): string {
  return principal.professionalId ?? principal.username;
}
