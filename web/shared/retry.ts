/**
 * The waits between tries of something that is not there yet: `firstMs`, then half as long again
 * each time, never more than `maxMs`, `tries` in all, so a page that polls stops by itself.
 */
export function* backoffWaits(firstMs: number, maxMs: number, tries: number): Generator<number> {
  let wait = firstMs;
  for (let i = 0; i < tries; i++) {
    yield wait;
    wait = Math.min(maxMs, Math.round(wait * 1.5));
  }
}

/** Resolves after `ms`. */
export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
