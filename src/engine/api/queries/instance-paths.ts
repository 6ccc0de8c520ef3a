import type { Knex } from 'knex';
import { ENGINE_SCHEMA } from '../../store/schema.js';
import { tenant, text, textOrNull } from './convert.js';
import { exportedOnly } from './exported.js';

const S = ENGINE_SCHEMA;

/** A process instance and the instances that called it, root first: the breadcrumb above an instance in Operate. */
export async function callHierarchy(knex: Knex, processInstanceKey: string, searchLagMs: number) {
  const ancestry = knex.raw(
    `SELECT pi.key, pi.parent_process_instance_key, 0 AS depth FROM ${S}.process_instances pi WHERE pi.key = ?
     UNION ALL
     SELECT parent.key, parent.parent_process_instance_key, line.depth + 1
       FROM ${S}.process_instances parent JOIN line ON parent.key = line.parent_process_instance_key`,
    [processInstanceKey],
  );
  const rows = (await exportedOnly(
    knex
      .withRecursive('line', ['key', 'parent_process_instance_key', 'depth'], ancestry)
      .from('line')
      .join(`${S}.process_instances as pi`, 'pi.key', 'line.key')
      .leftJoin(`${S}.process_definitions as pd`, 'pd.key', 'pi.definition_key')
      .select('pi.key', 'pi.definition_key', 'pi.bpmn_process_id', 'pd.name')
      .orderBy('line.depth', 'desc'),
    'pi',
    searchLagMs,
  )) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    processInstanceKey: text(r.key),
    processDefinitionKey: text(r.definition_key),
    processDefinitionName: textOrNull(r.name) ?? text(r.bpmn_process_id),
  }));
}

/** The sequence flows an instance has taken, each once however often it was taken: what Operate highlights. */
export async function takenSequenceFlows(knex: Knex, processInstanceKey: string) {
  const rows = (await knex(`${S}.sequence_flows as sf`)
    .join(`${S}.process_instances as pi`, 'pi.key', 'sf.process_instance_key')
    .distinctOn('sf.flow_id')
    .select('sf.flow_id', 'sf.process_instance_key', 'sf.root_key', 'sf.definition_key', 'sf.bpmn_process_id', 'pi.tenant_id')
    .where('sf.process_instance_key', processInstanceKey)
    .orderBy('sf.flow_id')) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    sequenceFlowId: text(r.flow_id),
    processInstanceKey: text(r.process_instance_key),
    rootProcessInstanceKey: textOrNull(r.root_key),
    processDefinitionKey: text(r.definition_key),
    processDefinitionId: text(r.bpmn_process_id),
    elementId: text(r.flow_id),
    tenantId: tenant(r.tenant_id),
  }));
}
