import type { Knex } from 'knex';
import {
  forgetSignInAttempt,
  latestFailures,
  recordSignInAttempt,
  signInSucceeded,
  type SignInKeys,
  type SignInScope,
} from '../store/sign-in-failure-repository.js';

/** How many failed sign-ins a username and an address each get per window before they must wait. */
export interface SignInRateLimitOptions {
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  windowMs: number;
}

/** The limits when the service is not told otherwise: a person's typos, and a clinic's behind one NAT. */
export const DEFAULT_SIGN_IN_LIMITS: SignInRateLimitOptions = {
  maxFailuresPerAccount: 10,
  maxFailuresPerAddress: 100,
  windowMs: 15 * 60_000,
};

/** An attempt let through to the password check; it counts as a failure unless `succeeded` is called. */
export interface AdmittedSignIn {
  admitted: true;
  succeeded(): Promise<void>;
}

/** An attempt refused before its password was checked: which limit, and in how many seconds it frees up. */
export interface RefusedSignIn {
  admitted: false;
  scope: SignInScope;
  retryAfterSeconds: number;
}

/**
 * Slows password guessing with two sliding windows, counted in PostgreSQL so that every app
 * process sees the same failures. Per username (from any address): guessing one account's
 * password gains nothing from rotating addresses. Per address (for any username): loose, so that
 * one person's typos do not lock out a clinic signing in from behind one NAT, yet tight enough
 * to stop spraying one password over many usernames. Only failures count: the right password
 * forgives its username's failures. Unknown usernames count as any other, so a refusal tells
 * nothing about which usernames exist.
 */
export async function admitSignIn(
  knex: Knex,
  options: SignInRateLimitOptions,
  keys: SignInKeys,
  now = new Date(),
): Promise<AdmittedSignIn | RefusedSignIn> {
  const since = new Date(now.getTime() - options.windowMs);
  const attemptIds = await recordSignInAttempt(knex, keys, now, since);
  const limits: Record<SignInScope, number> = { account: options.maxFailuresPerAccount, address: options.maxFailuresPerAddress };
  for (const scope of ['account', 'address'] as const) {
    const failures = await latestFailures(knex, scope, keys[scope], since, limits[scope], attemptIds);
    if (failures.length < limits[scope]) continue;
    await forgetSignInAttempt(knex, attemptIds);
    // The window frees a place when the oldest of the failures that fill it leaves it.
    const freedAt = failures[failures.length - 1].getTime() + options.windowMs;
    return { admitted: false, scope, retryAfterSeconds: Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000)) };
  }
  return { admitted: true, succeeded: () => signInSucceeded(knex, attemptIds, keys.account) };
}
