import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

/** A working day and a bit: a session started in the morning lasts the shift, not the week. */
export const SESSION_LIFETIME_MS = 10 * 60 * 60 * 1000;

export interface SessionRecord {
  userId: string;
  csrfToken: string;
  expiresAt: Date;
}

interface SessionRow {
  user_id: string;
  csrf_token: string;
  expires_at: Date;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');

/** Starts a session for the user; answers the cookie's token and the session. Expired sessions are swept here. */
export async function createSession(knex: Knex, userId: string, now = new Date()): Promise<{ token: string; session: SessionRecord }> {
  const token = newToken();
  const session = { userId, csrfToken: newToken(), expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) };
  await knex.transaction(async (trx) => {
    await trx('sessions').where('expires_at', '<', now).delete();
    await trx('sessions').insert({ token_hash: hashToken(token), user_id: userId, csrf_token: session.csrfToken, created_at: now, expires_at: session.expiresAt });
  });
  return { token, session };
}

/** The live session a cookie's token belongs to, or undefined for an unknown or expired one. */
export async function findSession(knex: Knex, token: string, now = new Date()): Promise<SessionRecord | undefined> {
  const row: SessionRow | undefined = await knex('sessions')
    .where('token_hash', hashToken(token))
    .andWhere('expires_at', '>', now)
    .first('user_id', 'csrf_token', 'expires_at');
  return row ? { userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at } : undefined;
}

export async function deleteSession(knex: Knex, token: string): Promise<void> {
  await knex('sessions').where({ token_hash: hashToken(token) }).delete();
}
