/** How long `eventually` waits by default: long enough for a worker's pass on a loaded machine. */
export const EVENTUALLY_WITHIN_MS = 15_000;

export interface EventuallyOptions {
  /** Give up after this many milliseconds (default 15 s). */
  within?: number;
  /** Probe again after this many milliseconds (default 50). */
  every?: number;
}

/**
 * Probes until `probe` answers something truthy and answers that; the one way the kit waits for
 * an effect that comes later (a worker's job, a timer, search catching up with a command). A probe
 * that throws counts as not yet. On timeout it fails naming `what` and the last answer or error,
 * so the message says what did not happen and how far it got.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  { within = EVENTUALLY_WITHIN_MS, every = 50 }: EventuallyOptions = {},
): Promise<T> {
  const until = Date.now() + within;
  for (;;) {
    let last: string;
    try {
      const value = await probe();
      if (value) return value;
      last = `last answer: ${describe(value)}`;
    } catch (error) {
      last = `last error: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (Date.now() >= until) throw new Error(`timed out after ${within} ms waiting for ${what} (${last})`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
