import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

/** A working day and a bit: a session started in the morning lasts the shift, not the week. */
export const SESSION_LIFETIME_MS = 10 * 60 * 60 * 1000;

/** A session's last use is written at most this often, so that not every request writes. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export interface SessionRecord {
  userId: string;
  csrfToken: string;
  expiresAt: Date;
}

interface SessionRow {
  user_id: string;
  csrf_token: string;
  expires_at: Date;
  last_seen_at: Date;
}

/** What a cookie's token finds: a live session, one that went unused too long (now deleted), or nothing. */
export type SessionLookup = { state: 'live'; session: SessionRecord } | { state: 'idle' } | { state: 'none' };

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');

/** Starts a session for the user; answers the cookie's token and the session. Expired sessions are swept here. */
export async function createSession(knex: Knex, userId: string, now = new Date()): Promise<{ token: string; session: SessionRecord }> {
  const token = newToken();
  const session = { userId, csrfToken: newToken(), expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) };
  await knex.transaction(async (trx) => {
    await trx('sessions').where('expires_at', '<', now).delete();
    await trx('sessions').insert({
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: session.csrfToken,
      created_at: now,
      expires_at: session.expiresAt,
      last_seen_at: now,
    });
  });
  return { token, session };
}

/**
 * The session a cookie's token belongs to. One unused for `idleMs` or more ends here (deleted,
 * answered as idle); a live one is marked seen now, unless it was within the last minute.
 */
export async function findSession(knex: Knex, token: string, idleMs: number, now = new Date()): Promise<SessionLookup> {
  const tokenHash = hashToken(token);
  const row: SessionRow | undefined = await knex('sessions')
    .where('token_hash', tokenHash)
    .andWhere('expires_at', '>', now)
    .first('user_id', 'csrf_token', 'expires_at', 'last_seen_at');
  if (!row) return { state: 'none' };
  const unusedMs = now.getTime() - row.last_seen_at.getTime();
  if (unusedMs >= idleMs) {
    await knex('sessions').where('token_hash', tokenHash).delete();
    return { state: 'idle' };
  }
  if (unusedMs >= LAST_SEEN_RESOLUTION_MS) {
    // Only forward: a request that read the row before another's update must not move it back.
    await knex('sessions').where('token_hash', tokenHash).andWhere('last_seen_at', '<', now).update({ last_seen_at: now });
  }
  return { state: 'live', session: { userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at } };
}

export async function deleteSession(knex: Knex, token: string): Promise<void> {
  await knex('sessions')
    .where({ token_hash: hashToken(token) })
    .delete();
}
