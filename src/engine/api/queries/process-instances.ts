import type { Knex } from 'knex';
import { ENGINE_SCHEMA } from '../../store/schema.js';
import { col, expr } from '../search/columns.js';
import {
  absentStringField,
  absentTagsField,
  boolField,
  dateField,
  enumField,
  intField,
  keyField,
  stringField,
  unsupportedField,
  variableField,
} from '../search/filter-fields.js';
import { BoolFilter, enumFilter, StringFilter } from '../search/filter-schemas.js';
import { applyOps } from '../search/operators.js';
import type { SearchSpec } from '../search/spec.js';
import { type Row, iso, isoOrNull, tenant, text, textOrNull } from './convert.js';
import { exportedOnly } from './exported.js';

const S = ENGINE_SCHEMA;
export const INSTANCE_STATES = ['ACTIVE', 'COMPLETED', 'TERMINATED'] as const;

/** Process instances with their definition's name and version tag. */
export const processInstancesQuery = (knex: Knex, searchLagMs = 0): Knex.QueryBuilder =>
  exportedOnly(
    knex(`${S}.process_instances as pi`)
      .leftJoin(`${S}.process_definitions as pd`, 'pd.key', 'pi.definition_key')
      .select('pi.*', 'pd.name as definition_name', 'pd.version_tag as definition_version_tag'),
    'pi',
    searchLagMs,
  );

export function toProcessInstance(r: Row) {
  return {
    processDefinitionId: text(r.bpmn_process_id),
    processDefinitionName: textOrNull(r.definition_name),
    processDefinitionVersion: Number(r.version),
    processDefinitionVersionTag: textOrNull(r.definition_version_tag),
    startDate: iso(r.start_date),
    endDate: isoOrNull(r.end_date),
    state: text(r.state) as (typeof INSTANCE_STATES)[number],
    hasIncident: Boolean(r.has_incident),
    tenantId: tenant(r.tenant_id),
    processInstanceKey: text(r.key),
    processDefinitionKey: text(r.definition_key),
    parentProcessInstanceKey: textOrNull(r.parent_process_instance_key),
    parentElementInstanceKey: textOrNull(r.parent_element_instance_key),
    rootProcessInstanceKey: textOrNull(r.root_key),
    tags: [] as string[],
    businessId: null,
  };
}

export type ProcessInstanceItem = ReturnType<typeof toProcessInstance>;

/** Filters and sort fields of POST /v2/process-instances/search (ProcessInstanceFilter, with `$or`). */
export function processInstanceSearch(knex: Knex): SearchSpec<ProcessInstanceItem> {
  const elementFilters = ['elementId', 'elementInstanceState', 'hasElementInstanceIncident'] as const;
  return {
    filters: {
      processInstanceKey: keyField(col('pi.key')),
      processDefinitionId: stringField(col('pi.bpmn_process_id')),
      processDefinitionName: stringField(col('pd.name')),
      processDefinitionVersion: intField(col('pi.version')),
      processDefinitionVersionTag: stringField(col('pd.version_tag')),
      processDefinitionKey: keyField(col('pi.definition_key')),
      parentProcessInstanceKey: keyField(col('pi.parent_process_instance_key')),
      parentElementInstanceKey: keyField(col('pi.parent_element_instance_key')),
      startDate: dateField(col('pi.start_date')),
      endDate: dateField(col('pi.end_date')),
      state: enumField(col('pi.state'), INSTANCE_STATES),
      hasIncident: boolField(col('pi.has_incident')),
      tenantId: stringField(col('pi.tenant_id')),
      variables: variableField(knex, `${S}.variables`, (sub) => sub.where('var.process_instance_key', knex.ref('pi.key'))),
      errorMessage: {
        schema: StringFilter,
        apply: (qb, value) =>
          qb.whereExists((sub) => {
            sub
              .select(knex.raw('1'))
              .from(`${S}.incidents as inc`)
              .where('inc.process_instance_key', knex.ref('pi.key'))
              .where('inc.state', 'ACTIVE');
            applyOps(sub, col('inc.error_message'), value);
          }),
      },
      hasRetriesLeft: {
        schema: BoolFilter,
        apply: (qb, value) => {
          const failedWithRetries = (sub: Knex.QueryBuilder) =>
            sub
              .select(knex.raw('1'))
              .from(`${S}.jobs as job`)
              .where('job.process_instance_key', knex.ref('pi.key'))
              .where('job.state', 'FAILED')
              .where('job.retries', '>', 0);
          if (value === true) qb.whereExists(failedWithRetries);
          if (value === false) qb.whereNotExists(failedWithRetries);
        },
      },
      // Combined into one element-instance condition below.
      elementId: { schema: StringFilter },
      elementInstanceState: { schema: enumFilter(INSTANCE_STATES) },
      hasElementInstanceIncident: { schema: BoolFilter },
      incidentErrorHashCode: unsupportedField('incidentErrorHashCode'),
      batchOperationId: absentStringField(),
      batchOperationKey: absentStringField(),
      businessId: absentStringField(),
      tags: absentTagsField(),
    },
    or: true,
    combine: (qb, filter) => {
      if (elementFilters.every((name) => filter[name] === undefined || filter[name] === null)) return;
      qb.whereExists((sub) => {
        sub
          .select(knex.raw('1'))
          .from(`${S}.element_instances as ei`)
          .where('ei.process_instance_key', knex.ref('pi.key'))
          .whereNot('ei.type', 'PROCESS');
        applyOps(sub, col('ei.element_id'), filter.elementId);
        applyOps(sub, col('ei.state'), filter.elementInstanceState);
        if (typeof filter.hasElementInstanceIncident === 'boolean') {
          if (filter.hasElementInstanceIncident) sub.whereNotNull('ei.incident_key');
          else sub.whereNull('ei.incident_key');
        }
      });
    },
    sort: {
      processInstanceKey: col('pi.key'),
      processDefinitionId: col('pi.bpmn_process_id'),
      processDefinitionName: col('pd.name'),
      processDefinitionVersion: col('pi.version'),
      processDefinitionVersionTag: col('pd.version_tag'),
      processDefinitionKey: col('pi.definition_key'),
      parentProcessInstanceKey: col('pi.parent_process_instance_key'),
      parentElementInstanceKey: col('pi.parent_element_instance_key'),
      startDate: col('pi.start_date'),
      endDate: col('pi.end_date'),
      state: col('pi.state'),
      hasIncident: col('pi.has_incident'),
      tenantId: col('pi.tenant_id'),
      businessId: expr('NULL'),
    },
    tiebreak: col('pi.key'),
    map: toProcessInstance,
  };
}
