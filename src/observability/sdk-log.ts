import type { LogEvent, LogTransport } from '@camunda8/orchestration-cluster-api/logger';
import type { Logger } from 'pino';

/**
 * Sends the official client's own log lines (activation errors, retries) into pino, so the
 * worker process writes one JSON log stream. The client's level is still set by
 * CAMUNDA_SDK_LOG_LEVEL; pino's LOG_LEVEL filters again.
 */
export function sdkLogTransport(logger: Logger): LogTransport {
  const sdk = logger.child({ component: 'camunda-client' });
  return (event: LogEvent) => {
    const [message, ...rest] = event.args;
    const fields = { scope: event.scope, ...(event.code ? { code: event.code } : {}), ...detail(rest) };
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    switch (event.level) {
      case 'error':
        return sdk.error(fields, text);
      case 'warn':
        return sdk.warn(fields, text);
      case 'info':
        return sdk.info(fields, text);
      case 'debug':
        return sdk.debug(fields, text);
      default:
        return sdk.trace(fields, text);
    }
  };
}

/** An Error becomes pino's `err` (serialised with its stack); anything else is kept as `detail`. */
function detail(rest: unknown[]): Record<string, unknown> {
  if (rest.length === 0) return {};
  const [first] = rest;
  if (rest.length === 1 && first instanceof Error) return { err: first };
  return { detail: rest.length === 1 ? first : rest };
}
