import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { HttpProblem, sendProblem } from '../api/problem.js';

/** How many failed sign-ins an address gets per window before it must wait. */
export interface SignInRateLimitOptions {
  maxFailures: number;
  windowMs: number;
}

/**
 * Slows password guessing: only failed sign-ins count (a colleague who types the password right
 * is never locked out), per client address, in a sliding window kept in memory (one service
 * process owns sign-in). The refusal is a 429 problem document with Retry-After.
 */
export function signInRateLimit(options: SignInRateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.maxFailures,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) => {
      const minutes = Math.ceil(options.windowMs / 60_000);
      sendProblem(res, req, new HttpProblem(429, `Too many failed sign-ins from this address: try again within ${minutes} minutes`));
    },
  });
}
