import type { Knex } from 'knex';
import { ENGINE_SCHEMA } from '../../store/schema.js';
import { col, expr } from '../search/columns.js';
import { dateField, enumField, keyField, stringField } from '../search/filter-fields.js';
import type { SearchSpec } from '../search/spec.js';
import { type Row, iso, tenant, text, textOrNull } from './convert.js';

const S = ENGINE_SCHEMA;

export const MESSAGE_SUBSCRIPTION_STATES = ['CORRELATED', 'CREATED', 'DELETED', 'MIGRATED'] as const;

/**
 * When a subscription last changed: its creation while it waits; once correlated or deleted, the
 * end of the element instance that owned it (where that has ended), as the engine keeps no time of
 * the change itself.
 */
const LAST_UPDATED = `(CASE WHEN ms.state = 'CREATED' THEN ms.created_at ELSE coalesce(ei.end_date, ms.created_at) END)`;

/** The message subscriptions of waiting catch events, receive tasks and boundary events, with their instance's definition. */
export const messageSubscriptionsQuery = (knex: Knex): Knex.QueryBuilder =>
  knex(`${S}.message_subscriptions as ms`)
    .leftJoin(`${S}.element_instances as ei`, 'ei.key', 'ms.element_instance_key')
    .select('ms.*', 'ei.definition_key', 'ei.tenant_id', knex.raw(`${LAST_UPDATED} AS last_updated`));

export function toMessageSubscription(r: Row) {
  return {
    messageSubscriptionKey: text(r.key),
    processDefinitionId: text(r.bpmn_process_id),
    processDefinitionKey: textOrNull(r.definition_key),
    processInstanceKey: text(r.process_instance_key),
    rootProcessInstanceKey: textOrNull(r.root_key),
    elementId: text(r.element_id),
    elementInstanceKey: text(r.element_instance_key),
    messageSubscriptionState: text(r.state) as (typeof MESSAGE_SUBSCRIPTION_STATES)[number],
    lastUpdatedDate: iso(r.last_updated),
    messageName: text(r.message_name),
    correlationKey: text(r.correlation_key),
    tenantId: tenant(r.tenant_id),
  };
}

export type MessageSubscriptionItem = ReturnType<typeof toMessageSubscription>;

export function messageSubscriptionSearch(): SearchSpec<MessageSubscriptionItem> {
  return {
    filters: {
      messageSubscriptionKey: keyField(col('ms.key')),
      processDefinitionKey: keyField(col('ei.definition_key')),
      processDefinitionId: stringField(col('ms.bpmn_process_id')),
      processInstanceKey: keyField(col('ms.process_instance_key')),
      elementId: stringField(col('ms.element_id')),
      elementInstanceKey: keyField(col('ms.element_instance_key')),
      messageSubscriptionState: enumField(col('ms.state'), MESSAGE_SUBSCRIPTION_STATES),
      lastUpdatedDate: dateField(expr(LAST_UPDATED)),
      messageName: stringField(col('ms.message_name')),
      correlationKey: stringField(col('ms.correlation_key')),
      tenantId: stringField(col('ei.tenant_id')),
    },
    sort: {
      messageSubscriptionKey: col('ms.key'),
      processDefinitionId: col('ms.bpmn_process_id'),
      processInstanceKey: col('ms.process_instance_key'),
      elementId: col('ms.element_id'),
      elementInstanceKey: col('ms.element_instance_key'),
      messageSubscriptionState: col('ms.state'),
      lastUpdatedDate: expr(LAST_UPDATED),
      messageName: col('ms.message_name'),
      correlationKey: col('ms.correlation_key'),
      tenantId: col('ei.tenant_id'),
    },
    tiebreak: col('ms.key'),
    map: toMessageSubscription,
  };
}
