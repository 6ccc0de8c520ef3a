import { EngineRejection } from '../../errors.js';
import { show } from '../validation.js';

/**
 * A cursor is the sort values of one row (each as PostgreSQL's text of it, or null), encoded as
 * base64 JSON: opaque to clients, as Camunda's are, and still a position after rows come and go.
 */
export function encodeCursor(values: ReadonlyArray<string | null>): string {
  return Buffer.from(JSON.stringify({ v: values }), 'utf8').toString('base64');
}

export function decodeCursor(cursor: string, name: string, length: number): Array<string | null> {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { v?: unknown };
    const values = decoded.v;
    if (Array.isArray(values) && values.length === length && values.every((v) => v === null || typeof v === 'string')) {
      return values as Array<string | null>;
    }
  } catch {
    // reported below
  }
  throw EngineRejection.invalidArgument(
    `The value for page.${name} is '${show(cursor)}' but must be a cursor returned by a previous search with the same sort.`,
  );
}
