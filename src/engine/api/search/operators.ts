import type { Knex } from 'knex';
import { bind, type Col } from './columns.js';
import { likePattern } from './like-pattern.js';

/** A filter property's advanced operators, as parsed; values are of the property's type. */
export interface Ops<T = unknown> {
  $eq?: T;
  $neq?: T;
  $exists?: boolean;
  $in?: T[];
  $notIn?: T[];
  $like?: string;
  $gt?: T;
  $gte?: T;
  $lt?: T;
  $lte?: T;
}

/** Turns a plain filter value into `{ $eq }`; leaves advanced filters as they are. */
export function opsOf<T = unknown>(condition: unknown): Ops<T> {
  if (typeof condition === 'object' && condition !== null && !Array.isArray(condition)) return condition as Ops<T>;
  return { $eq: condition as T };
}

const placeholders = (n: number) => new Array(n).fill('?').join(', ');

/** Applies plain or advanced conditions on one column; several operators combine with AND. */
export function applyOps(qb: Knex.QueryBuilder, c: Col, condition: unknown): void {
  if (condition === undefined || condition === null) return;
  const ops = opsOf(condition);
  if (ops.$eq !== undefined) qb.whereRaw(`${c.sql} = ?`, bind(c, ops.$eq));
  if (ops.$neq !== undefined) qb.whereRaw(`${c.sql} IS DISTINCT FROM ?`, bind(c, ops.$neq));
  if (ops.$exists !== undefined) qb.whereRaw(`${c.sql} IS ${ops.$exists ? 'NOT ' : ''}NULL`, bind(c));
  if (ops.$in !== undefined) {
    if (ops.$in.length === 0) qb.whereRaw('false');
    else qb.whereRaw(`${c.sql} IN (${placeholders(ops.$in.length)})`, bind(c, ...ops.$in));
  }
  if (ops.$notIn !== undefined && ops.$notIn.length > 0) {
    qb.whereRaw(`(${c.sql} IS NULL OR ${c.sql} NOT IN (${placeholders(ops.$notIn.length)}))`, [...bind(c), ...bind(c, ...ops.$notIn)]);
  }
  if (ops.$like !== undefined) qb.whereRaw(`${c.sql} LIKE ?`, bind(c, likePattern(ops.$like)));
  for (const [op, sql] of [
    ['$gt', '>'],
    ['$gte', '>='],
    ['$lt', '<'],
    ['$lte', '<='],
  ] as const) {
    if (ops[op] !== undefined) qb.whereRaw(`${c.sql} ${sql} ?`, bind(c, ops[op]));
  }
}

/**
 * Conditions on a JSONB array of strings (candidate groups and users): an element must match
 * (`$eq`, `$in`, `$like`), or none may (`$neq`, `$notIn`); `$exists` asks for a non-empty array.
 */
export function applyArrayOps(qb: Knex.QueryBuilder, c: Col, condition: unknown): void {
  if (condition === undefined || condition === null) return;
  const ops = opsOf(condition);
  const some = (where: string) => `EXISTS (SELECT 1 FROM jsonb_array_elements_text(${c.sql}) AS element(value) WHERE ${where})`;
  if (ops.$eq !== undefined) qb.whereRaw(some('element.value = ?'), bind(c, ops.$eq));
  if (ops.$neq !== undefined) qb.whereRaw(`NOT ${some('element.value = ?')}`, bind(c, ops.$neq));
  if (ops.$exists !== undefined) qb.whereRaw(`jsonb_array_length(${c.sql}) ${ops.$exists ? '>' : '='} 0`, bind(c));
  if (ops.$in !== undefined) {
    if (ops.$in.length === 0) qb.whereRaw('false');
    else qb.whereRaw(some(`element.value IN (${placeholders(ops.$in.length)})`), bind(c, ...ops.$in));
  }
  if (ops.$notIn !== undefined && ops.$notIn.length > 0) {
    qb.whereRaw(`NOT ${some(`element.value IN (${placeholders(ops.$notIn.length)})`)}`, bind(c, ...ops.$notIn));
  }
  if (ops.$like !== undefined) qb.whereRaw(some('element.value LIKE ?'), bind(c, likePattern(ops.$like)));
}
