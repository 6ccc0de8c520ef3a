import type { Knex } from 'knex';
import { EngineRejection } from '../../errors.js';

export { stringList } from '../../store/string-list.js';

/** A row of an engine table as pg returns it: bigint keys as strings, timestamps as Dates, jsonb parsed. */
export type Row = Record<string, unknown>;

export const TENANT = '<default>';

export const iso = (v: unknown): string => new Date(v as string | number | Date).toISOString();
export const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
export const text = (v: unknown): string => String(v);
export const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
export const tenant = (v: unknown): string => (v === null || v === undefined || v === '' ? TENANT : String(v));

export function stringRecord(v: unknown): Record<string, string> {
  if (typeof v === 'string') {
    try {
      return stringRecord(JSON.parse(v));
    } catch {
      return {};
    }
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).map(([k, value]) => [k, typeof value === 'string' ? value : JSON.stringify(value)]));
}

/** The first row of a query, or a 404 naming the resource and key. */
export async function findOne(query: Knex.QueryBuilder, what: string, key: string): Promise<Row> {
  const row = (await query.first()) as Row | undefined;
  if (!row) throw EngineRejection.notFound(`${what} with key '${key}' not found`);
  return row;
}
