import type { CamundaClient } from '../camunda-client.js';
import type { MessagePort } from './ports.js';

/**
 * Messages correlated through the official client: a message throw that a worker implements, as
 * Zeebe implements every message throw event. The engine answers 404 when no instance waits for
 * the message; the message is then not kept, and the worker says so in its answer.
 */
export function engineMessages(client: CamundaClient): MessagePort {
  return {
    async correlateMessage({ name, correlationKey, variables }) {
      try {
        await client.correlateMessage({ name, correlationKey, variables });
        return true;
      } catch (error) {
        if (typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 404) return false;
        throw error;
      }
    },
  };
}

/** Where no engine is at hand (the workers' own tests): a worker that needs one fails, and says why. */
export const noEngineMessages: MessagePort = {
  correlateMessage: ({ name }) => Promise.reject(new Error(`message ${name}: these workers run without an engine`)),
};
