import type { Knex } from 'knex';
import { ENGINE_SCHEMA } from '../../store/schema.js';

const S = ENGINE_SCHEMA;

/**
 * The keys of an element instance (or a process instance, whose PROCESS element has its key) and
 * of everything below it: the elements in its flow scopes and, under a call activity, the called
 * process instances with theirs. A subquery for `whereIn`.
 */
export function scopeTreeKeys(knex: Knex, key: string): Knex.QueryBuilder {
  const below = knex.raw(
    `SELECT ?::bigint AS key
     UNION
     SELECT child.key FROM tree JOIN LATERAL (
       SELECT ei.key FROM ${S}.element_instances ei WHERE ei.flow_scope_key = tree.key
       UNION ALL
       SELECT pi.key FROM ${S}.process_instances pi WHERE pi.parent_element_instance_key = tree.key
     ) child ON true`,
    [key],
  );
  return knex.withRecursive('tree', ['key'], below).select('key').from('tree');
}
