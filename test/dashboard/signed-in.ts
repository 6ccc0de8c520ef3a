import type { Knex } from 'knex';
import { SESSION_COOKIE } from '../../src/auth/session-cookie.js';
import { createSession } from '../../src/auth/session-store.js';

/** Request headers of a signed-in user of seed/users.json (the session as POST /api/session makes it). */
export async function signedInAs(knex: Knex, userId: string): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const { token, session } = await createSession(knex, userId);
  return { cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}`, 'x-csrf-token': session.csrfToken };
}

/** Seed users the dashboard and admin tests sign in as. */
export const MANAGER = 'u-turun-seutu-johtaja';
export const ADMIN = 'u-paakayttaja';
export const NURSE = 'u-turku-keskusta-sh1';
