/**
 * A cluster that has just turned healthy still initialises its users and secondary storage: for a
 * while it answers 401 to valid credentials, 502/503/504, or refuses the connection. These are the
 * answers worth waiting out; anything else (a 400 for a broken diagram, a 403) is final.
 */
const STARTING_STATUSES = new Set([401, 502, 503, 504]);

export function isEngineStarting(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'NetworkSdkError') return true;
  const status = (error as { status?: unknown }).status;
  return error.name === 'HttpSdkError' && typeof status === 'number' && STARTING_STATUSES.has(status);
}

export interface RetryWhileStartingOptions {
  /** How long to keep trying, from the first attempt. */
  withinMs: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Told before each wait, so a person at the terminal sees why nothing happens yet. */
  onWait?: (error: Error, delayMs: number) => void;
}

/** Runs `attempt` until it succeeds, fails for good, or `withinMs` has passed; waits double each time. */
export async function retryWhileStarting<T>(attempt: () => Promise<T>, options: RetryWhileStartingOptions): Promise<T> {
  const deadline = Date.now() + options.withinMs;
  let delay = options.firstDelayMs ?? 1000;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isEngineStarting(error)) throw error;
      const wait = Math.min(delay, deadline - Date.now());
      if (wait <= 0)
        throw new Error(
          `The engine still answers "${(error as Error).message}" after ${Math.round(options.withinMs / 1000)} s of trying; is it running, and are CAMUNDA_REST_ADDRESS and the credentials right?`,
          { cause: error },
        );
      options.onWait?.(error as Error, wait);
      await new Promise((resolve) => setTimeout(resolve, wait));
      delay = Math.min(delay * 2, options.maxDelayMs ?? 10_000);
    }
  }
}
