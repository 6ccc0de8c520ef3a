import type { Knex } from 'knex';
import { z } from 'zod';
import { EngineRejection } from '../../errors.js';
import { Str } from '../validation.js';
import { bind, col, expr, type Col } from './columns.js';
import { BoolFilter, DateFilter, enumFilter, IntFilter, KeyFilter, StringFilter, VariableValueFilter } from './filter-schemas.js';
import { applyArrayOps, applyOps } from './operators.js';
import { applyValueOps, asksForAbsence } from './variable-value-ops.js';

export interface FilterField {
  schema: z.ZodType;
  /** Adds the field's conditions; absent when a spec-level `combine` handles the field. */
  apply?: (qb: Knex.QueryBuilder, value: unknown) => void;
}

export const stringField = (c: Col): FilterField => ({ schema: StringFilter, apply: (qb, v) => applyOps(qb, c, v) });
export const keyField = (c: Col): FilterField => ({ schema: KeyFilter, apply: (qb, v) => applyOps(qb, c, v) });
export const intField = (c: Col): FilterField => ({ schema: IntFilter, apply: (qb, v) => applyOps(qb, c, v) });
export const dateField = (c: Col): FilterField => ({ schema: DateFilter, apply: (qb, v) => applyOps(qb, c, v) });
export const enumField = (c: Col, values: readonly [string, ...string[]]): FilterField => ({
  schema: enumFilter(values),
  apply: (qb, v) => applyOps(qb, c, v),
});
export const boolField = (c: Col): FilterField => ({
  schema: BoolFilter,
  apply: (qb, v) => {
    if (typeof v === 'boolean') qb.whereRaw(`${c.sql} = ?`, bind(c, v));
  },
});
export const stringArrayField = (c: Col): FilterField => ({ schema: StringFilter, apply: (qb, v) => applyArrayOps(qb, c, v) });

/**
 * A property the engine never sets (batch operations, business ids): it is null on every row,
 * so conditions behave as they would on a missing value.
 */
export const absentStringField = (): FilterField => stringField(expr('NULL::text'));

/** Tags: the engine keeps none, so only an empty tag list matches anything. */
export const absentTagsField = (): FilterField => ({
  schema: z.array(Str).nullish(),
  apply: (qb, v) => {
    if (Array.isArray(v) && v.length > 0) qb.whereRaw('false');
  },
});

/** A filter the API defines but the embedded engine cannot answer: rejected rather than ignored. */
export const unsupportedField = (name: string): FilterField => ({
  schema: z.unknown(),
  apply: (_qb, v) => {
    if (v !== undefined && v !== null) throw EngineRejection.invalidArgument(`The filter ${name} is not supported by the embedded engine.`);
  },
});

/** `[{ name, value }]` variable conditions, each of which must hold. */
export const VariableConditions = z.array(z.strictObject({ name: Str, value: VariableValueFilter.unwrap().unwrap() })).nullish();

/** A variable's value (JSON text), compared as Camunda compares variable values. */
export const variableValueField = (c: Col): FilterField => ({ schema: VariableValueFilter, apply: (qb, v) => applyValueOps(qb, c, v) });

/**
 * Variable conditions: each asks for a variable of that name (in the scope `correlate` names)
 * whose value meets it, or, with `$exists: false`, for there to be no variable of that name.
 */
export function variableField(knex: Knex, variablesTable: string, correlate: (sub: Knex.QueryBuilder) => void): FilterField {
  return {
    schema: VariableConditions,
    apply: (qb, v) => {
      for (const condition of (v as Array<{ name: string; value: unknown }> | null | undefined) ?? []) {
        const named = (sub: Knex.QueryBuilder) => {
          sub.select(knex.raw('1')).from(`${variablesTable} as var`).where('var.name', condition.name);
          correlate(sub);
        };
        if (!asksForAbsence(condition.value)) {
          qb.whereExists((sub) => {
            named(sub);
            applyValueOps(sub, col('var.value'), condition.value);
          });
          continue;
        }
        qb.whereNotExists(named);
        // Any other operator beside `$exists: false` asks something of a variable that is not there.
        if (Object.keys(condition.value as object).length > 1) qb.whereRaw('false');
      }
    },
  };
}
