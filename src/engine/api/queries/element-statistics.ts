import type { Knex } from 'knex';
import { ENGINE_SCHEMA } from '../../store/schema.js';
import { text } from './convert.js';
import { exportedOnly } from './exported.js';

const S = ENGINE_SCHEMA;

/**
 * Per element id, how many of its instances are active (without an incident), canceled, stuck in
 * an incident and completed, in the process instances `instanceKeys` selects: what Operate's
 * heatmap draws on the diagram. A multi-instance body is counted through its inner instances only.
 */
export async function elementStatistics(knex: Knex, instanceKeys: Knex.QueryBuilder | string[], searchLagMs: number) {
  const rows = (await exportedOnly(
    knex(`${S}.element_instances as ei`)
      .select('ei.element_id')
      .select(
        knex.raw(`count(*) FILTER (WHERE ei.state = 'ACTIVE' AND ei.incident_key IS NULL) AS active`),
        knex.raw(`count(*) FILTER (WHERE ei.state = 'TERMINATED') AS canceled`),
        knex.raw(`count(*) FILTER (WHERE ei.state = 'ACTIVE' AND ei.incident_key IS NOT NULL) AS incidents`),
        knex.raw(`count(*) FILTER (WHERE ei.state = 'COMPLETED') AS completed`),
      )
      .whereNotIn('ei.type', ['PROCESS', 'MULTI_INSTANCE_BODY'])
      .whereIn('ei.process_instance_key', instanceKeys)
      .groupBy('ei.element_id')
      .orderBy('ei.element_id'),
    'ei',
    searchLagMs,
  )) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    elementId: text(r.element_id),
    active: Number(r.active),
    canceled: Number(r.canceled),
    incidents: Number(r.incidents),
    completed: Number(r.completed),
  }));
}
