import type { Knex } from 'knex';

/**
 * A column or a fixed SQL expression, with its identifier bindings. Columns and expressions are
 * static SQL written in this layer; user input only ever reaches the database as a binding.
 */
export interface Col {
  sql: string;
  bindings: readonly string[];
}

/** A (possibly qualified) column, quoted by knex. */
export const col = (name: string): Col => ({ sql: '??', bindings: [name] });
/** A fixed SQL expression written in this layer (never user input). */
export const expr = (sql: string): Col => ({ sql, bindings: [] });

/** Bindings for a raw fragment: identifier bindings of the column, then the values. */
export const bind = (c: Col, ...values: unknown[]): Knex.RawBinding[] => [...c.bindings, ...values] as Knex.RawBinding[];

/** A piece of SQL with its bindings, to be joined with others into one condition. */
export interface Fragment {
  sql: string;
  bindings: Knex.RawBinding[];
}
