import type { Logger } from 'pino';

/** What the workers last saw of the engine: UNKNOWN until the first request returns. */
export type EngineState = 'UNKNOWN' | 'REACHABLE' | 'UNREACHABLE';

/** The engine's reachability as seen through the client's own requests, for /health, metrics and logs. */
export interface EngineReachability {
  state(): EngineState;
  /** A fetch for the official client that notes whether each request reached the engine. */
  fetch: typeof fetch;
}

/**
 * Wraps the client's fetch instead of probing the engine on a timer: the long polls of the
 * workers already touch the engine every few seconds, and a second channel could disagree with
 * what the workers actually experience. A change of state is logged once, not every retry.
 */
export function trackEngineReachability(logger: Logger, onChange: (reachable: boolean) => void = () => {}): EngineReachability {
  let state: EngineState = 'UNKNOWN';
  const note = (next: EngineState, detail?: unknown) => {
    if (next === state) return;
    const previous = state;
    state = next;
    onChange(next === 'REACHABLE');
    if (next === 'UNREACHABLE') logger.warn({ err: detail }, 'engine unreachable: retrying with back-off');
    else if (previous === 'UNREACHABLE') logger.info('engine reachable again');
  };
  return {
    state: () => state,
    fetch: async (input, init) => {
      try {
        const response = await fetch(input, init);
        note('REACHABLE');
        return response;
      } catch (error) {
        // A poll cancelled at shutdown was aborted by us; it says nothing about the engine.
        if (!isAbort(error)) note('UNREACHABLE', error);
        throw error;
      }
    },
  };
}

/** An AbortError: the client cancelled the request (the signal may ride on a Request, not on init). */
function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
