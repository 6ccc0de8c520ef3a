import type { Knex } from 'knex';
import { bind, type Col, type Fragment } from './columns.js';
import { likePattern } from './like-pattern.js';
import { opsOf } from './operators.js';

// A JSON number, written without `?` (which knex reads as a binding).
const JSON_NUMBER = String.raw`^-{0,1}(0|[1-9][0-9]*)(\.[0-9]+){0,1}([eE][+-]{0,1}[0-9]+){0,1}$`;

function isJsonNumber(text: string): boolean {
  return new RegExp(JSON_NUMBER).test(text);
}

/** The variable's value as a number, or NULL when it is not a JSON number. */
function numberOf(c: Col): Fragment {
  return { sql: `(CASE WHEN ${c.sql} ~ '${JSON_NUMBER}' THEN (${c.sql})::numeric END)`, bindings: [...bind(c), ...bind(c)] };
}

/** `value <op> filter`, numeric when the filter value is a JSON number; NULL (not true) for a value of the other kind. */
function compare(c: Col, op: string, filter: string): Fragment {
  if (!isJsonNumber(filter)) return { sql: `${c.sql} ${op} ?`, bindings: bind(c, filter) };
  const n = numberOf(c);
  return { sql: `${n.sql} ${op} ?::numeric`, bindings: [...n.bindings, filter] };
}

function anyOf(c: Col, values: readonly string[]): Fragment {
  if (values.length === 0) return { sql: 'false', bindings: [] };
  const parts = values.map((v) => compare(c, '=', v));
  return { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, bindings: parts.flatMap((p) => p.bindings) };
}

/** Whether a condition asks for the variable not to exist, which only NOT EXISTS can answer. */
export function asksForAbsence(condition: unknown): boolean {
  return opsOf<string>(condition).$exists === false;
}

/**
 * Conditions on a variable's value, which is stored as its JSON text, as Camunda's data-fetching
 * rules give them: a filter value is JSON text too, and one that is a JSON number compares with
 * the variable's number (`"10000"` finds 10000 and 10000.0, `{ $lt: "500" }` is numeric); any
 * other compares with the JSON text. `$like` matches the JSON text (`"Tur*` or `*urku*`).
 * Several operators combine with AND.
 */
export function applyValueOps(qb: Knex.QueryBuilder, c: Col, condition: unknown): void {
  if (condition === undefined || condition === null) return;
  const ops = opsOf<string>(condition);
  const where = (f: Fragment) => qb.whereRaw(f.sql, f.bindings);
  if (ops.$eq !== undefined) where(compare(c, '=', ops.$eq));
  if (ops.$neq !== undefined) {
    const equal = compare(c, '=', ops.$neq);
    where({ sql: `(${equal.sql}) IS NOT TRUE`, bindings: equal.bindings });
  }
  if (ops.$exists !== undefined) qb.whereRaw(`${c.sql} IS ${ops.$exists ? 'NOT ' : ''}NULL`, bind(c));
  if (ops.$in !== undefined) where(anyOf(c, ops.$in));
  if (ops.$notIn !== undefined) {
    const any = anyOf(c, ops.$notIn);
    where({ sql: `(${any.sql}) IS NOT TRUE`, bindings: any.bindings });
  }
  if (ops.$like !== undefined) qb.whereRaw(`${c.sql} LIKE ?`, bind(c, likePattern(ops.$like)));
  for (const [op, sql] of [
    ['$gt', '>'],
    ['$gte', '>='],
    ['$lt', '<'],
    ['$lte', '<='],
  ] as const) {
    const value = ops[op];
    if (value !== undefined) where(compare(c, sql, value));
  }
}
