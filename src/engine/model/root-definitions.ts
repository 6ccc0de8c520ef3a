import { extension, type Moddle } from './moddle.js';
import type { MessageDefinition } from './types.js';

/** The definitions-level messages, errors and signals that events and receive tasks refer to by id. */
export interface RootDefinitions {
  messages: Map<string, MessageDefinition>;
  /** Error id → its errorCode, undefined when it has none. */
  errors: Map<string, string | undefined>;
  /** Signal id → its name, undefined when it has none. */
  signals: Map<string, string | undefined>;
}

export function readRootDefinitions(rootElements: Moddle[]): RootDefinitions {
  const messages = new Map<string, MessageDefinition>();
  const errors = new Map<string, string | undefined>();
  const signals = new Map<string, string | undefined>();
  for (const root of rootElements) {
    if (root.$type === 'bpmn:Message') {
      const subscription = extension(root, 'zeebe:Subscription');
      messages.set(root.id, { name: root.name, correlationKey: subscription?.correlationKey });
    } else if (root.$type === 'bpmn:Error') {
      errors.set(root.id, root.errorCode || undefined);
    } else if (root.$type === 'bpmn:Signal') {
      signals.set(root.id, root.name || undefined);
    }
  }
  return { messages, errors, signals };
}
