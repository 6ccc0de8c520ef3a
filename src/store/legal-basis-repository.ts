import type { Knex } from 'knex';
import type { RegisterCode } from '../domain/registers.js';

/** A recorded legal basis for reading the case's data of one register in the other. */
export interface LegalBasisRow {
  id: number;
  caseId: string;
  from: RegisterCode;
  to: RegisterCode;
  statute: string;
  reason: string;
  recordedBy: string;
  recordedAt: Date;
  revokedAt: Date | null;
}

interface LegalBasisRecord {
  id: number;
  case_id: string;
  from_register: RegisterCode;
  to_register: RegisterCode;
  statute: string;
  reason: string;
  recorded_by: string;
  recorded_at: Date;
  revoked_at: Date | null;
  register: RegisterCode;
}

/** Records a legal basis; it is kept in the register the data is read into. */
export async function recordLegalBasis(
  knex: Knex,
  input: { caseId: string; from: RegisterCode; to: RegisterCode; statute: string; reason: string; recordedBy: string },
): Promise<LegalBasisRow> {
  const [row] = await knex<LegalBasisRecord>('legal_bases')
    .insert({
      case_id: input.caseId,
      from_register: input.from,
      to_register: input.to,
      statute: input.statute,
      reason: input.reason,
      recorded_by: input.recordedBy,
      register: input.to,
    })
    .returning('*');
  return toLegalBasisRow(row);
}

/** The legal basis in force now for reading the case's `from` data in register `to`, if any. */
export async function legalBasisInForce(
  knex: Knex,
  input: { caseId: string; from: RegisterCode; to: RegisterCode },
): Promise<LegalBasisRow | undefined> {
  const row = await knex<LegalBasisRecord>('legal_bases')
    .where({ case_id: input.caseId, from_register: input.from, to_register: input.to })
    .whereNull('revoked_at')
    .orderBy('recorded_at', 'desc')
    .first();
  return row && toLegalBasisRow(row);
}

function toLegalBasisRow(r: LegalBasisRecord): LegalBasisRow {
  return {
    id: r.id,
    caseId: r.case_id,
    from: r.from_register,
    to: r.to_register,
    statute: r.statute,
    reason: r.reason,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    revokedAt: r.revoked_at,
  };
}
