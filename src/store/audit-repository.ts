import type { Knex } from 'knex';
import type { RegisterCode } from '../domain/registers.js';

/** Why a professional may process the case's data (Act 703/2023; domain.md §2). */
export const ACCESS_BASIS_CODES = ['OWN_CASE', 'WORK_TASK', 'CONSENT', 'LEGAL_BASIS', 'CLIENT_REQUEST'] as const;

/** An access basis code. */
export type AccessBasis = (typeof ACCESS_BASIS_CODES)[number];

/** What the log says was done: a read by the API, or a write the database logged itself. */
export type AuditAction = 'READ' | 'INSERT' | 'UPDATE' | 'DELETE';

/**
 * Who acts: a signed-in professional; a /v2 client (the engine API's user, role `ENGINE_CLIENT`);
 * the professional whose task completion a worker's write follows; or `system` for the pathway's
 * own workers otherwise.
 */
export interface AuditActor {
  id: string;
  role: string;
}

/** One read to log. */
export interface AuditRead {
  actor: AuditActor;
  caseId: string | null;
  /** What was read: `case`, `case_identities`, `log_extract` … */
  resource: string;
  register: RegisterCode;
  basis: AccessBasis;
  /** The consent's id or the statute of a legal basis, when the basis needs naming. */
  basisDetail?: string | null;
}

/** The /v2 call an entry came from. */
export interface EngineCall {
  method: string;
  path: string;
  status: number;
}

/** One /v2 call to log: for each case it touched, or once without a case. */
export interface AuditEngineCall {
  actor: AuditActor;
  caseIds: readonly string[];
  action: 'READ' | 'UPDATE';
  /** `engine_api` for calls on case data, `engine_deployment` for the diagrams and forms. */
  resource: string;
  register: RegisterCode;
  call: EngineCall;
}

/** One entry of the log. */
export interface AuditEntry {
  id: string;
  at: Date;
  actorId: string;
  actorRole: string;
  caseId: string | null;
  action: AuditAction;
  resource: string;
  register: RegisterCode;
  basis: AccessBasis;
  basisDetail: string | null;
  /** The /v2 call the entry came from; null for the app's own routes and the write trigger. */
  engineCall: EngineCall | null;
}

interface AuditRecord {
  id: string;
  at: Date;
  actor_id: string;
  actor_role: string;
  case_id: string | null;
  action: AuditAction;
  resource: string;
  register: RegisterCode;
  basis: AccessBasis;
  basis_detail: string | null;
  engine_method: string | null;
  engine_path: string | null;
  engine_status: number | null;
}

/** Appends reads to the log, in one statement. */
export async function logReads(knex: Knex, reads: readonly AuditRead[]): Promise<void> {
  if (reads.length === 0) return;
  await knex('audit_log').insert(
    reads.map((r) => ({
      actor_id: r.actor.id,
      actor_role: r.actor.role,
      case_id: r.caseId,
      action: 'READ',
      resource: r.resource,
      register: r.register,
      basis: r.basis,
      basis_detail: r.basisDetail ?? null,
    })),
  );
}

/**
 * Runs `work` in a transaction whose case-data writes the database logs as this actor's, on
 * this basis (the trigger `audit_case_write` reads these transaction-local settings).
 */
export async function withAuditActor<T>(
  knex: Knex,
  actor: AuditActor,
  basis: AccessBasis,
  work: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return knex.transaction(async (trx) => {
    await trx.raw(
      "SELECT set_config('sote.actor_id', ?, true), set_config('sote.actor_role', ?, true), set_config('sote.basis', ?, true)",
      [actor.id, actor.role, basis],
    );
    return work(trx);
  });
}

/** The log entries of these cases since a time, oldest first. */
export async function auditTrail(knex: Knex, input: { caseIds: readonly string[]; since: Date }): Promise<AuditEntry[]> {
  if (input.caseIds.length === 0) return [];
  const rows = await knex<AuditRecord>('audit_log')
    .whereIn('case_id', [...input.caseIds])
    .where('at', '>=', input.since)
    .orderBy([{ column: 'at' }, { column: 'id' }]);
  return rows.map(toAuditEntry);
}

function toAuditEntry(r: AuditRecord): AuditEntry {
  return {
    id: String(r.id),
    at: r.at,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    caseId: r.case_id,
    action: r.action,
    resource: r.resource,
    register: r.register,
    basis: r.basis,
    basisDetail: r.basis_detail,
    engineCall:
      r.engine_method !== null && r.engine_path !== null && r.engine_status !== null
        ? { method: r.engine_method, path: r.engine_path, status: r.engine_status }
        : null,
  };
}
