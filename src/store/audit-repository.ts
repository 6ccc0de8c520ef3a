import type { Knex } from 'knex';
import type { RegisterCode } from '../domain/registers.js';

/** Why a professional may process the case's data (Act 703/2023; domain.md §2). */
export const ACCESS_BASIS_CODES = ['OWN_CASE', 'WORK_TASK', 'CONSENT', 'LEGAL_BASIS', 'CLIENT_REQUEST'] as const;

/** An access basis code. */
export type AccessBasis = (typeof ACCESS_BASIS_CODES)[number];

/** What the log says was done: a read by the API, or a write the database logged itself. */
export type AuditAction = 'READ' | 'INSERT' | 'UPDATE' | 'DELETE';

/** Who acts: a signed-in professional, or `system` for the pathway's own workers. */
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
export async function withAuditActor<T>(knex: Knex, actor: AuditActor, basis: AccessBasis, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return knex.transaction(async (trx) => {
    await trx.raw("SELECT set_config('sote.actor_id', ?, true), set_config('sote.actor_role', ?, true), set_config('sote.basis', ?, true)", [
      actor.id,
      actor.role,
      basis,
    ]);
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
  };
}
