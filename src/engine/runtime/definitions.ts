import type pg from 'pg';
import { compileBpmn } from '../model/compile.js';
import type { ProcessModel } from '../model/types.js';
import { ENGINE_SCHEMA } from '../store/schema.js';

/** What the engine keeps in memory of every deployed process version. */
export interface DefinitionMeta {
  key: string;
  bpmnProcessId: string;
  version: number;
  name: string | null;
  versionTag: string | null;
  checksum: string;
  resourceName: string;
  tenantId: string;
}

/** A message start event of a deployed process; its message name is static, as Zeebe requires. */
export interface MessageStart {
  meta: DefinitionMeta;
  elementId: string;
  messageName: string;
}

export interface FormMeta {
  key: string;
  formId: string;
  version: number;
  checksum: string;
}

/**
 * Deployed processes and forms. Latest versions are compiled eagerly (new instances, call
 * activities, start events need them synchronously); older versions are compiled when an instance
 * of theirs is loaded.
 */
export class DefinitionRegistry {
  readonly byKey = new Map<string, DefinitionMeta>();
  readonly latest = new Map<string, string>();
  readonly latestForms = new Map<string, FormMeta>();
  private readonly models = new Map<string, ProcessModel>();

  constructor(private readonly pool: pg.Pool) {}

  async load(): Promise<void> {
    const defs = await this.pool.query(
      `SELECT key, bpmn_process_id, version, name, version_tag, checksum, resource_name, tenant_id FROM ${ENGINE_SCHEMA}.process_definitions ORDER BY version`,
    );
    for (const r of defs.rows) {
      this.register({
        key: String(r.key),
        bpmnProcessId: r.bpmn_process_id,
        version: r.version,
        name: r.name,
        versionTag: r.version_tag,
        checksum: r.checksum,
        resourceName: r.resource_name,
        tenantId: r.tenant_id,
      });
    }
    const forms = await this.pool.query(`SELECT key, form_id, version, checksum FROM ${ENGINE_SCHEMA}.forms ORDER BY version`);
    for (const r of forms.rows) this.registerForm({ key: String(r.key), formId: r.form_id, version: r.version, checksum: r.checksum });
    for (const key of this.latest.values()) await this.ensureModel(key);
  }

  register(meta: DefinitionMeta, model?: ProcessModel): void {
    this.byKey.set(meta.key, meta);
    const current = this.latest.get(meta.bpmnProcessId);
    const currentVersion = current === undefined ? undefined : this.byKey.get(current)?.version;
    if (currentVersion === undefined || currentVersion < meta.version) this.latest.set(meta.bpmnProcessId, meta.key);
    if (model) this.models.set(meta.key, model);
  }

  registerForm(meta: FormMeta): void {
    const current = this.latestForms.get(meta.formId);
    if (!current || current.version < meta.version) this.latestForms.set(meta.formId, meta);
  }

  latestOf(bpmnProcessId: string): DefinitionMeta | undefined {
    const key = this.latest.get(bpmnProcessId);
    return key ? this.byKey.get(key) : undefined;
  }

  async ensureModel(key: string): Promise<ProcessModel> {
    const cached = this.models.get(key);
    if (cached) return cached;
    const meta = this.byKey.get(key);
    if (!meta) throw new Error(`unknown process definition ${key}`);
    const result = await this.pool.query(`SELECT xml FROM ${ENGINE_SCHEMA}.process_definitions WHERE key = $1`, [key]);
    const compiled = await compileBpmn(result.rows[0].xml, meta.resourceName);
    const model = compiled.processes.find((p) => p.bpmnProcessId === meta.bpmnProcessId);
    if (!model) throw new Error(`process ${meta.bpmnProcessId} missing from its own resource`);
    this.models.set(key, model);
    return model;
  }

  /** The compiled model; callers make sure it was loaded (ensureModel) before a transition starts. */
  model(key: string): ProcessModel {
    const model = this.models.get(key);
    if (!model) throw new Error(`process definition ${key} is not compiled`);
    return model;
  }

  /** Latest definitions with a top-level message start event for this message name. */
  messageStarts(messageName: string): MessageStart[] {
    return [...this.latest.keys()].flatMap((id) => this.messageStartsOf(id)).filter((start) => start.messageName === messageName);
  }

  /** The top-level message start events of a process's latest version. */
  messageStartsOf(bpmnProcessId: string): MessageStart[] {
    const meta = this.latestOf(bpmnProcessId);
    const model = meta && this.models.get(meta.key);
    if (!meta || !model) return [];
    return model.messageStarts.map(({ id, message }) => ({ meta, elementId: id, messageName: message.name }));
  }
}
