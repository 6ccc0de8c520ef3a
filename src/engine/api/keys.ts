import { EngineRejection } from '../errors.js';

/** Validates a key taken from the URL: Zeebe keys are decimal longs. */
export function keyParam(value: unknown, name: string): string {
  if (typeof value !== 'string' || !/^[0-9]{1,19}$/.test(value)) {
    throw EngineRejection.invalidArgument(`The value for ${name} is '${String(value)}' but must be a numeric key`);
  }
  return value;
}
