import { BpmnModdle } from 'bpmn-moddle';
import type { Knex } from 'knex';
import { createRequire } from 'node:module';
import { extension, type Moddle } from '../../model/moddle.js';
import { ENGINE_SCHEMA } from '../../store/schema.js';
import { type Row, tenant, text } from './convert.js';

const S = ENGINE_SCHEMA;
const zeebeDescriptor = createRequire(import.meta.url)('zeebe-bpmn-moddle/resources/zeebe.json');

/** The `formId` linked on the none start event of a process in a diagram, if any. */
export async function startFormIdOf(xml: string, bpmnProcessId: string): Promise<string | undefined> {
  const parsed: Moddle = await new BpmnModdle({ zeebe: zeebeDescriptor }).fromXML(xml, 'bpmn:Definitions');
  const process = (parsed.rootElement.rootElements ?? []).find((e: Moddle) => e.$type === 'bpmn:Process' && e.id === bpmnProcessId);
  const noneStart = (process?.flowElements ?? []).find(
    (e: Moddle) => e.$type === 'bpmn:StartEvent' && (e.eventDefinitions ?? []).length === 0,
  );
  const formId: unknown = extension(noneStart, 'zeebe:FormDefinition')?.formId;
  return typeof formId === 'string' && formId !== '' ? formId : undefined;
}

/** The latest deployed version of a form (the only binding the engine supports), if deployed. */
export async function latestForm(knex: Knex, formId: string): Promise<Row | undefined> {
  return (await knex(`${S}.forms`).where('form_id', formId).orderBy('version', 'desc').first()) as Row | undefined;
}

export function toForm(form: Row) {
  return {
    tenantId: tenant(form.tenant_id),
    formId: text(form.form_id),
    schema: text(form.schema),
    version: Number(form.version),
    formKey: text(form.key),
  };
}
