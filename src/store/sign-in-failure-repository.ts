import type { Knex } from 'knex';

/** What a failed sign-in is counted against: the username tried, and the client's address. */
export type SignInScope = 'account' | 'address';

/** The username (normalised) and the client address of one sign-in attempt. */
export type SignInKeys = Readonly<Record<SignInScope, string>>;

const SCOPES: readonly SignInScope[] = ['account', 'address'];

/**
 * Records an attempt as a failure of both its username and its address, before the password is
 * checked: concurrent attempts then see each other, so a burst cannot slip more guesses past the
 * limit than it allows. Failures older than `sweepBefore` are deleted on the way. Answers the
 * attempt's row ids, for `forgetSignInAttempt` and `signInSucceeded`.
 */
export async function recordSignInAttempt(knex: Knex, keys: SignInKeys, at: Date, sweepBefore: Date): Promise<string[]> {
  return knex.transaction(async (trx) => {
    await trx('sign_in_failures').where('failed_at', '<', sweepBefore).delete();
    const rows: { id: string }[] = await trx('sign_in_failures')
      .insert(SCOPES.map((scope) => ({ scope, key: keys[scope], failed_at: at })))
      .returning('id');
    return rows.map((row) => String(row.id));
  });
}

/** When the latest `limit` failures of a scope's key since `since` happened, newest first, not counting the attempt's own rows. */
export async function latestFailures(
  knex: Knex,
  scope: SignInScope,
  key: string,
  since: Date,
  limit: number,
  attemptIds: readonly string[],
): Promise<Date[]> {
  const rows: { failed_at: Date }[] = await knex('sign_in_failures')
    .where({ scope, key })
    .andWhere('failed_at', '>=', since)
    .whereNotIn('id', attemptIds)
    .orderBy('failed_at', 'desc')
    .limit(limit)
    .select('failed_at');
  return rows.map((row) => row.failed_at);
}

/** An attempt refused before its password was checked counts for nothing. */
export async function forgetSignInAttempt(knex: Knex, attemptIds: readonly string[]): Promise<void> {
  await knex('sign_in_failures').whereIn('id', attemptIds).delete();
}

/** The right password: the attempt was no failure, and the username's earlier failures are forgiven. */
export async function signInSucceeded(knex: Knex, attemptIds: readonly string[], account: string): Promise<void> {
  await knex('sign_in_failures')
    .whereIn('id', attemptIds)
    .orWhere((q) => q.where({ scope: 'account', key: account }))
    .delete();
}
