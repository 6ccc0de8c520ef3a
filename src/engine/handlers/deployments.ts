import { createHash } from 'node:crypto';
import type { DeploymentOutcome, DeploymentResource } from '../commands.js';
import { DEFAULT_TENANT, type EngineParts } from '../engine-parts.js';
import { EngineRejection } from '../errors.js';
import { compileBpmn } from '../model/compile.js';
import type { ProcessModel } from '../model/types.js';
import type { DefinitionMeta } from '../runtime/definitions.js';
import type { Timer } from '../runtime/entities.js';
import { scheduleTimer } from '../runtime/timer-schedule.js';
import { Changeset } from '../store/changeset.js';
import { timerFromRow, timerRow } from '../store/rows.js';
import { ENGINE_SCHEMA as S } from '../store/schema.js';

/**
 * Deploys BPMN processes and forms, one deployment at a time: a resource whose checksum matches the
 * latest version is not deployed again, and new versions replace their predecessor's timer starts.
 */
export class DeploymentHandler {
  private deploying: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly parts: EngineParts,
    private readonly timersChanged: () => void,
  ) {}

  deploy(resources: DeploymentResource[], tenantId: string): Promise<DeploymentOutcome> {
    const run = this.deploying.then(() => this.deployNow(resources, tenantId || DEFAULT_TENANT));
    this.deploying = run.catch(() => undefined);
    return run;
  }

  private async deployNow(resources: DeploymentResource[], tenantId: string): Promise<DeploymentOutcome> {
    const { keys, clock, definitions, writer } = this.parts;
    if (resources.length === 0) throw EngineRejection.invalidArgument('Expected to deploy at least one resource, but none given');
    const parsed: Array<{ resource: DeploymentResource; checksum: string; processes?: ProcessModel[]; form?: { id: string } }> = [];
    for (const resource of resources) {
      const checksum = createHash('sha256').update(resource.content).digest('hex');
      const text = resource.content.toString('utf8');
      if (/\.(bpmn|xml)$/i.test(resource.name)) {
        parsed.push({ resource, checksum, processes: (await compileBpmn(text, resource.name)).processes });
      } else if (/\.form$/i.test(resource.name)) {
        parsed.push({ resource, checksum, form: parseForm(text, resource.name) });
      } else {
        throw EngineRejection.invalidArgument(
          `Expected to deploy .bpmn or .form resources, but '${resource.name}' is neither (DMN and other resources are not supported by the embedded engine)`,
        );
      }
    }
    await keys.reserve(50 + parsed.length * 4);
    const now = clock.now();
    const deploymentKey = keys.next();
    const changes = new Changeset();
    const outcome: DeploymentOutcome = { deploymentKey, tenantId, processes: [], forms: [] };
    const registrations: Array<() => void> = [];
    const seenIds = new Set<string>();
    for (const item of parsed) {
      for (const model of item.processes ?? []) {
        if (seenIds.has(model.bpmnProcessId)) {
          throw EngineRejection.invalidArgument(
            `Expected the process id '${model.bpmnProcessId}' to be unique within the deployment, but it occurs twice`,
          );
        }
        seenIds.add(model.bpmnProcessId);
        const latest = definitions.latestOf(model.bpmnProcessId);
        if (latest && latest.checksum === item.checksum) {
          outcome.processes.push({
            processDefinitionId: latest.bpmnProcessId,
            processDefinitionVersion: latest.version,
            processDefinitionKey: latest.key,
            resourceName: latest.resourceName,
          });
          continue;
        }
        const meta: DefinitionMeta = {
          key: keys.next(),
          bpmnProcessId: model.bpmnProcessId,
          version: (latest?.version ?? 0) + 1,
          name: model.name,
          versionTag: model.versionTag,
          checksum: item.checksum,
          resourceName: item.resource.name,
          tenantId,
        };
        changes.put('process_definitions', meta.key, {
          key: meta.key,
          bpmn_process_id: meta.bpmnProcessId,
          version: meta.version,
          name: meta.name,
          version_tag: meta.versionTag,
          resource_name: meta.resourceName,
          checksum: meta.checksum,
          xml: item.resource.content.toString('utf8'),
          deployment_key: deploymentKey,
          has_start_form: model.hasStartForm,
          tenant_id: tenantId,
          created_at: now.toISOString(),
        });
        await this.replaceStartTimers(changes, latest, meta, model, now);
        registrations.push(() => definitions.register(meta, model));
        outcome.processes.push({
          processDefinitionId: meta.bpmnProcessId,
          processDefinitionVersion: meta.version,
          processDefinitionKey: meta.key,
          resourceName: meta.resourceName,
        });
      }
      if (item.form) {
        const latest = definitions.latestForms.get(item.form.id);
        if (latest && latest.checksum === item.checksum) {
          outcome.forms.push({ formId: latest.formId, version: latest.version, formKey: latest.key, resourceName: item.resource.name });
          continue;
        }
        const form = { key: keys.next(), formId: item.form.id, version: (latest?.version ?? 0) + 1, checksum: item.checksum };
        changes.put('forms', form.key, {
          key: form.key,
          form_id: form.formId,
          version: form.version,
          resource_name: item.resource.name,
          checksum: form.checksum,
          schema: item.resource.content.toString('utf8'),
          deployment_key: deploymentKey,
          tenant_id: tenantId,
        });
        registrations.push(() => definitions.registerForm(form));
        outcome.forms.push({ formId: form.formId, version: form.version, formKey: form.key, resourceName: item.resource.name });
      }
    }
    changes.put('deployments', deploymentKey, { key: deploymentKey, tenant_id: tenantId, created_at: now.toISOString() });
    await writer.commit(changes);
    for (const register of registrations) register();
    this.timersChanged();
    return outcome;
  }

  /** A new version's timer start events replace the previous version's, as in Zeebe. */
  private async replaceStartTimers(
    changes: Changeset,
    previous: DefinitionMeta | undefined,
    meta: DefinitionMeta,
    model: ProcessModel,
    now: Date,
  ): Promise<void> {
    if (previous) {
      const old = await this.parts.pool.query(
        `SELECT * FROM ${S}.timers WHERE definition_key = $1 AND root_key IS NULL AND state = 'ACTIVE'`,
        [previous.key],
      );
      for (const row of old.rows) changes.put('timers', String(row.key), timerRow({ ...timerFromRow(row), state: 'CANCELED' }));
    }
    for (const { id, timer: definition } of model.timerStarts) {
      const schedule = scheduleTimer(definition, {}, now);
      const timer: Timer = {
        key: this.parts.keys.next(),
        rootKey: null,
        processInstanceKey: null,
        elementInstanceKey: null,
        definitionKey: meta.key,
        elementId: id,
        dueDate: schedule.dueDate,
        repetitions: schedule.repetitions,
        spec: schedule.spec,
        state: 'ACTIVE',
      };
      changes.put('timers', timer.key, timerRow(timer));
    }
  }
}

function parseForm(text: string, name: string): { id: string } {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    throw EngineRejection.invalidArgument(`Expected the form '${name}' to be JSON, but it is not: ${(error as Error).message}`);
  }
  const id = (schema as { id?: unknown })?.id;
  if (typeof id !== 'string' || id === '') {
    throw EngineRejection.invalidArgument(`Expected the form '${name}' to have a non-empty string 'id', but it has none`);
  }
  return { id };
}
