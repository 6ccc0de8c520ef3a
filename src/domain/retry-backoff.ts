/**
 * Exponential back-off for work retried after failures: the first retry waits `firstMs`, each
 * further one twice as long as the one before, never longer than `maxMs`. After `stallAfter`
 * failures in a row the work is stalled: still retried at the longest wait, but shown to a person,
 * since what fails that often rarely mends by itself.
 */
export interface RetryBackoff {
  firstMs: number;
  maxMs: number;
  stallAfter: number;
}

/** How long to wait after the given number of failures in a row (1 for the first). */
export function backoffDelayMs(failures: number, backoff: RetryBackoff): number {
  return Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.max(0, failures - 1));
}

/** Whether that many failures in a row stall the work. */
export function isStalled(failures: number, backoff: RetryBackoff): boolean {
  return failures >= backoff.stallAfter;
}
