import type { Request } from 'express';
import { EngineRejection } from '../errors.js';
import { isLong, show } from './validation.js';

/** Validates a key taken from the URL: Zeebe keys are positive decimal longs. */
export function keyParam(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string' || !/^[0-9]+$/.test(value) || !isLong(value)) {
    throw EngineRejection.invalidArgument(`The value for ${name} is '${show(value)}' but must be a numeric key.`);
  }
  return value;
}
