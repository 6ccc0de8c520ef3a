import type { Knex } from 'knex';
import type { RegisterCode } from '../domain/registers.js';

/** Where a case's referral came from and why. */
export interface Referral {
  source: string;
  reason: string;
}

/** The referral that opened a case, as stored. */
export interface ReferralRow extends Referral {
  caseId: string;
  receivedAt: Date;
  register: RegisterCode;
}

interface ReferralRecord {
  case_id: string;
  source: string;
  reason: string;
  received_at: Date;
  register: RegisterCode;
}

/** Stores the case's referral inside the caller's transaction (the one opening the case). */
export async function insertReferral(trx: Knex.Transaction, input: ReferralRow): Promise<void> {
  await trx<ReferralRecord>('case_referrals').insert({
    case_id: input.caseId,
    source: input.source,
    reason: input.reason,
    received_at: input.receivedAt,
    register: input.register,
  });
}

/** The case's referral, or undefined (cases opened before referrals were stored have none). */
export async function getReferral(knex: Knex, caseId: string): Promise<ReferralRow | undefined> {
  const row = await knex<ReferralRecord>('case_referrals').where({ case_id: caseId }).first();
  return row && { caseId: row.case_id, source: row.source, reason: row.reason, receivedAt: row.received_at, register: row.register };
}
