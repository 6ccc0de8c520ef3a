import { EngineRejection } from '../../errors.js';
import { show } from '../validation.js';

/** Cursors are positions in the sorted result, encoded as base64. */
export function encodeCursor(index: number): string {
  return Buffer.from(JSON.stringify({ i: index }), 'utf8').toString('base64');
}

export function decodeCursor(cursor: string, name: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { i?: unknown };
    if (typeof decoded.i === 'number' && Number.isInteger(decoded.i) && decoded.i >= 0) return decoded.i;
  } catch {
    // reported below
  }
  throw EngineRejection.invalidArgument(
    `The value for page.${name} is '${show(cursor)}' but must be a cursor returned by a previous search.`,
  );
}
