import type pg from 'pg';
import type { EngineClock } from './runtime/clock.js';
import type { DefinitionRegistry } from './runtime/definitions.js';
import type { KeyGenerator } from './runtime/keys.js';
import type { MessageStartLocks } from './runtime/message-start-locks.js';
import type { MessageBuffer } from './runtime/messages.js';
import type { ChangeWriter } from './store/writer.js';
import type { TransitionRunner } from './transition-runner.js';

/** The tenant of everything this single-tenant engine stores. */
export const DEFAULT_TENANT = '<default>';

/** What the engine's command handlers share: the database, the in-memory registries and the transition runner. */
export interface EngineParts {
  pool: pg.Pool;
  writer: ChangeWriter;
  keys: KeyGenerator;
  clock: EngineClock;
  definitions: DefinitionRegistry;
  messages: MessageBuffer;
  startLocks: MessageStartLocks;
  runner: TransitionRunner;
}
